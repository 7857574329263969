import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { startFakeLlmServer, type FakeLlm } from '../fixtures/fake-llm-server';
import { createApiKey, nextServer, serverEnv } from './next-server';

// Kills the production server (SIGKILL, no shutdown hooks) in the middle of a batch of runs and restarts it:
// every run must finish, none lost, none recorded twice.
const dataDir = '.data/e2e-recovery';

let llm: FakeLlm;
const env = () => serverEnv({ dataDir, secret: 'recovery-secret-recovery-secret-recovery', llm });
const server = nextServer(3210, env);
const base = server.base;

test.beforeAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  llm = await startFakeLlmServer();
});

test.afterAll(async () => {
  server.kill();
  await llm?.close();
});

test('every run of a batch finishes after the server is killed mid-batch', async () => {
  test.setTimeout(120_000);
  const key = createApiKey('ops@example.test', env());
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

  await server.start();
  llm.configure({ ttftMs: 1500, chunkDelayMs: 50 });
  const prompt = await (
    await fetch(`${base}/api/v1/prompts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Batch', userPrompt: 'Item {{ n }}', model: { provider: 'openai', model: 'gpt-4o-mini' } }),
    })
  ).json();
  const ids: string[] = [];
  for (let n = 0; n < 8; n++) {
    const res = await fetch(`${base}/api/v1/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ promptId: prompt.data.id, variables: { n: String(n) }, cache: false }),
    });
    expect(res.status).toBe(202);
    ids.push((await res.json()).data.id);
  }
  await expect.poll(() => llm.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
  server.kill();

  await server.start();
  for (const id of ids) {
    await expect
      .poll(async () => (await (await fetch(`${base}/api/v1/runs/${id}`, { headers })).json()).data.status, { timeout: 60_000, intervals: [250] })
      .toBe('succeeded');
  }
  const list = await (await fetch(`${base}/api/v1/runs?promptId=${prompt.data.id}&limit=100`, { headers })).json();
  expect(list.data.items).toHaveLength(ids.length);
  for (const run of list.data.items) {
    expect(run.output).toBe(`Echo: Item ${run.variables.n}`);
  }
  expect(new Set(list.data.items.map((r: { id: string }) => r.id)).size).toBe(ids.length);
});
