import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import { closeDb } from '@/db/client';
import { insertRun, type NewRun } from '@/db/queries/runs';
import { priceFor, PRICE_TABLE_VERSION } from '@/lib/llm/pricing';
import { buildUnpricedReport } from '@/lib/llm/prices/unpriced-report';
import type { UnpricedReport } from '@/lib/llm/prices/unpriced-report-text';
import { getPrompt } from '@/lib/prompts/read-prompts';
import { call, createTestUser, type TestUser } from './helpers';

// On PGlite the script (another process) must reach the same database: a directory instead of memory.
const pgliteDir = await vi.hoisted(async () => {
  if (process.env.DATABASE_URL) return null;
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = `${mkdtempSync(`${tmpdir()}/pl-prices-report-`)}/pglite`;
  process.env.PGLITE_DIR = dir;
  return dir;
});

const DAY_MS = 86_400_000;
// The PostgreSQL run shares its database with other files: only this file's models are looked at.
const tag = randomUUID().slice(0, 8);
const custom = `custom-${tag}`;
const selfHosted = `llama-${tag}`;
// A dated snapshot id of a priced model (the table matches gpt-4o-mini-YYYYMMDD), this file's own: other files leave
// unpriced gpt-4o-mini runs in the shared database.
const snapshot = `gpt-4o-mini-${10_000_000 + Math.floor(Math.random() * 89_999_999)}`;
const ours = (report: UnpricedReport) => report.models.filter((m) => m.model.endsWith(tag) || m.model === snapshot);

let alice: TestUser;
let bob: TestUser;

async function versionOf(user: TestUser) {
  const res = await call(promptsRoute.POST, { method: 'POST', headers: user.headers, body: { title: 'Report', userPrompt: 'Hi', model: { provider: 'openai', model: 'gpt-4o-mini' } } });
  expect(res.status).toBe(201);
  const prompt = await getPrompt({ id: res.body.data.id, workspaceId: user.workspace.id });
  return { promptId: prompt.id, promptVersionId: prompt.currentVersion!.id };
}

const ago = (days: number) => new Date(Date.now() - days * DAY_MS);

async function seed(user: TestUser, runs: Partial<NewRun>[]) {
  const prompt = await versionOf(user);
  for (const run of runs) {
    await insertRun({
      workspaceId: user.workspace.id,
      ...prompt,
      versionNumber: 1,
      provider: 'openai',
      model: custom,
      messages: [{ role: 'user', content: 'Hi' }],
      status: 'succeeded',
      costUsd: null,
      priceSource: null,
      ...run,
    });
  }
}

beforeAll(async () => {
  [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
  await seed(alice, [
    { createdAt: ago(1) },
    { createdAt: ago(2) },
    { createdAt: ago(29) },
    // Older than the default 30 days.
    { createdAt: ago(31) },
    // Priced: not missing a price.
    { createdAt: ago(1), costUsd: 0.5, priceSource: { kind: 'table', tableVersion: PRICE_TABLE_VERSION } },
    // Failed and cached runs cost nothing: no price is missing for them.
    { createdAt: ago(1), status: 'failed' },
    { createdAt: ago(1), cached: true, costUsd: 0 },
    { createdAt: ago(3), provider: 'ollama', model: selfHosted },
    // A run from before the table priced the model (the table knows it now).
    { createdAt: ago(5), model: snapshot },
  ]);
  await seed(bob, [{ createdAt: ago(4) }, { createdAt: ago(3), provider: 'ollama', model: selfHosted }]);
});

afterAll(() => {
  if (pgliteDir) fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true });
});

describe('prices report', () => {
  it('counts the unpriced succeeded runs of the last 30 days by provider/model, most runs first', async () => {
    const report = await buildUnpricedReport({ days: 30 });
    expect(report.days).toBe(30);
    expect(report.tableVersion).toBe(PRICE_TABLE_VERSION);
    const models = ours(report);
    // custom: alice's 1, 2 and 29 days ago and bob's 4 days ago = 4 runs in 2 workspaces, last seen 1 day ago.
    // selfHosted: alice's and bob's 3 days ago = 2 runs in 2 workspaces. The gpt-4o-mini snapshot: alice's one.
    expect(models.map(({ provider, model, runs, workspaces, pricedInTableNow }) => ({ provider, model, runs, workspaces, pricedInTableNow }))).toEqual([
      { provider: 'openai', model: custom, runs: 4, workspaces: 2, pricedInTableNow: null },
      { provider: 'ollama', model: selfHosted, runs: 2, workspaces: 2, pricedInTableNow: null },
      {
        provider: 'openai',
        model: snapshot,
        runs: 1,
        workspaces: 1,
        pricedInTableNow: { model: 'gpt-4o-mini', effectiveFrom: priceFor('openai', 'gpt-4o-mini')!.effectiveFrom },
      },
    ]);
    const lastSeen = Date.parse(models[0]!.lastSeen);
    expect(Math.abs(lastSeen - ago(1).getTime())).toBeLessThan(60_000);
  });

  it('widens or narrows the window with days', async () => {
    // 45 days takes in alice's run of 31 days ago: 5 runs; 2 days keeps only alice's of 1 day ago
    // (the one of 2 days ago is a few milliseconds older than the window).
    expect(ours(await buildUnpricedReport({ days: 45 })).find((m) => m.model === custom)?.runs).toBe(5);
    const narrow = ours(await buildUnpricedReport({ days: 2 }));
    expect(narrow.map((m) => [m.model, m.runs])).toEqual([[custom, 1]]);
  });

  it('runs as npm run prices:report, in JSON and as a table', async () => {
    // The embedded database is one process's at a time: hand it to the script.
    await closeDb();
    const env = { ...process.env, ...(pgliteDir && { PGLITE_DIR: pgliteDir, DATABASE_URL: '' }) };
    const script = (args: string[]) =>
      promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/prices-report.ts', ...args], { env, timeout: 60_000 });

    const json = JSON.parse((await script(['--json', '--days', '45'])).stdout) as UnpricedReport;
    expect(json.days).toBe(45);
    expect(ours(json).map((m) => [m.model, m.runs, m.workspaces])).toEqual([
      [custom, 5, 2],
      [selfHosted, 2, 2],
      [snapshot, 1, 1],
    ]);

    const text = (await script([])).stdout;
    expect(text).toContain('Models without a price in runs of the last 30 days');
    expect(text.split('\n').find((line) => line.includes(custom))).toMatch(new RegExp(`^openai\\s+${custom}\\s+4\\s+2\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC$`));
    expect(text.split('\n').find((line) => line.includes(snapshot))).toContain('priced in the table now');

    const bad = await script(['--days', '400']).catch((error: { code: number; stderr: string }) => error);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--days must be a whole number from 1 to 365, got "400"') });
  });
});
