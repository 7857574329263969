import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { datasetItems, datasets, promptInputSets, prompts, users, workspaceMembers } from '@/db/schema';
import { SAMPLE_DATASET_ITEMS, SAMPLE_DATASET_NAME } from '@/lib/datasets/sample-dataset';
import { SAMPLE_INPUT_SETS, SAMPLE_PROMPT_SLUG } from '@/lib/prompts/sample-prompt';

const run = promisify(execFile);
const pglite = !process.env.DATABASE_URL;

async function cli(script: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', script, ...args], {
      env: { ...process.env, ...env },
      timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const seed = (args: string[], env: Record<string, string>) => cli('scripts/db-seed.ts', args, env);

// Each test spawns tsx (and a fresh embedded database migrates on first open): slower than the default 30 s allows.
describe('npm run db:seed', { timeout: 180_000 }, () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pl-seed-')), 'pglite');
  const env: Record<string, string> = pglite ? { PGLITE_DIR: dir, DATABASE_URL: '' } : {};

  it.skipIf(!pglite)('says to sign up first on an instance without users', async () => {
    const res = await seed([], env);
    expect(res.code, res.stderr).toBe(4);
    expect(res.stderr).toContain('Nobody has signed up yet');
  });

  it('adds the sample prompt and its input set to the user’s workspace once, and keeps it on a second run', async () => {
    const email = `seed-${Date.now()}@example.test`;
    expect((await cli('scripts/api-key.ts', ['--email', email], env)).code).toBe(0);
    // On the embedded database this user is the instance owner, the default target.
    const args = pglite ? [] : ['--email', email];
    const first = await seed(args, env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`of ${email}`);
    expect(first.stdout).toContain('Created sample prompt "Sample: support reply"');
    expect(first.stdout).toContain(`Created sample dataset "${SAMPLE_DATASET_NAME}" with ${SAMPLE_DATASET_ITEMS.length} items`);
    const second = await seed(['--email', email], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Kept the existing sample prompt');
    expect(second.stdout).toContain('Kept the existing sample dataset');

    const handle = await openDatabase(pglite ? { driver: 'pglite', pgliteDir: dir } : { driver: 'postgres', url: process.env.DATABASE_URL });
    try {
      const [user] = await handle.db.select().from(users).where(eq(users.email, email));
      const [member] = await handle.db.select().from(workspaceMembers).where(eq(workspaceMembers.userId, user!.id));
      const samples = await handle.db
        .select()
        .from(prompts)
        .where(and(eq(prompts.workspaceId, member!.workspaceId), eq(prompts.slug, SAMPLE_PROMPT_SLUG), isNull(prompts.deletedAt)));
      expect(samples).toHaveLength(1);
      const sets = await handle.db.select().from(promptInputSets).where(eq(promptInputSets.promptId, samples[0]!.id));
      expect(sets.map((s) => s.name)).toEqual(SAMPLE_INPUT_SETS.map((s) => s.name));

      const sampleSets = await handle.db.select().from(datasets).where(and(eq(datasets.workspaceId, member!.workspaceId), eq(datasets.name, SAMPLE_DATASET_NAME)));
      expect(sampleSets).toHaveLength(1);
      expect(sampleSets[0]!.itemCount).toBe(SAMPLE_DATASET_ITEMS.length);
      const items = await handle.db.select().from(datasetItems).where(eq(datasetItems.datasetId, sampleSets[0]!.id));
      expect(items).toHaveLength(SAMPLE_DATASET_ITEMS.length);
      // Every item fills the sample prompt's required variable.
      expect(items.every((i) => typeof i.input.message === 'string' && i.input.message.length > 0)).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it('refuses an unknown email and a malformed one', async () => {
    const unknown = await seed(['--email', 'nobody-here@example.test'], env);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('No user has the email nobody-here@example.test');
    const malformed = await seed(['--email', 'nope'], env);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('Usage: npm run db:seed');
  });
});
