import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { apiKeys, users } from '@/db/schema';
import { hashApiKey } from '@/lib/auth/api-key-token';

const run = promisify(execFile);
const pglite = !process.env.DATABASE_URL;

async function apiKeyCli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/api-key.ts', ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run api-key', () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pl-cli-')), 'pglite');
  const env: Record<string, string> = pglite ? { PGLITE_DIR: dir, DATABASE_URL: '' } : {};

  it('creates the user, their workspace and a key, printing the key as the last line', async () => {
    const email = `cli-${Date.now()}@example.test`;
    const first = await apiKeyCli(['--email', email, '--name', 'deploy'], env);
    expect(first.code, first.stderr).toBe(0);
    const key = first.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^pl_/);
    const second = await apiKeyCli(['--email', email], env);
    expect(second.stdout).toContain(`Found user ${email}`);

    const handle = await openDatabase(pglite ? { driver: 'pglite', pgliteDir: dir } : { driver: 'postgres', url: process.env.DATABASE_URL });
    try {
      const [row] = await handle.db.select().from(apiKeys).where(eq(apiKeys.hashedKey, hashApiKey(key)));
      expect(row).toMatchObject({ name: 'deploy', revokedAt: null });
      const [owner] = await handle.db.select().from(users).where(eq(users.id, row!.userId));
      expect(owner?.email).toBe(email);
    } finally {
      await handle.close();
    }
  });

  it('rejects a missing or invalid email with usage', async () => {
    const res = await apiKeyCli(['--email', 'nope'], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Usage: npm run api-key -- --email');
  });

  it.skipIf(!pglite)('refuses, without touching the data, while a server holds the embedded database', async () => {
    fs.writeFileSync(`${dir}.lock`, String(process.pid));
    try {
      const res = await apiKeyCli(['--email', 'blocked@example.test'], env);
      expect(res.code).toBe(3);
      expect(res.stderr).toContain(`in use by process ${process.pid}`);
      expect(res.stderr).toContain('Settings → API keys');
    } finally {
      fs.rmSync(`${dir}.lock`);
    }
  });
});
