import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { startFakeLlmServer, type FakeLlm } from '../fixtures/fake-llm-server';
import { createApiKey, nextServer, serverEnv } from './next-server';

// Kills the production server (SIGKILL, no shutdown hooks) in the middle of an experiment and starts it again:
// every cell must finish with one recorded run, none lost, none recorded twice, and the counters must add up.
const dataDir = '.data/e2e-experiment-recovery';
const ITEMS = 16;
const CONCURRENCY = 3;

let llm: FakeLlm;
const env = () => serverEnv({ dataDir, secret: 'experiment-recovery-secret-experiment-recovery', llm });
const server = nextServer(3211, env);
const base = server.base;

test.beforeAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  llm = await startFakeLlmServer();
});

test.afterAll(async () => {
  server.kill();
  await llm?.close();
});

test('every cell of an experiment finishes once after the server is killed mid-experiment', async () => {
  test.setTimeout(150_000);
  const key = createApiKey('lab@example.test', env());
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const get = async (path: string) => (await (await fetch(`${base}${path}`, { headers })).json()).data;

  await server.start();
  const prompt = await post('/api/v1/prompts', { title: 'Crash test', userPrompt: 'Item {{ n }}', model: { provider: 'openai', model: 'gpt-4o-mini' } });
  const items = Array.from({ length: ITEMS }, (_, n) => ({ input: { n: String(n) }, expected: `Item ${n}` }));
  const dataset = await post('/api/v1/datasets', { name: 'Crash items', items });
  expect(dataset.status).toBe(201);

  // Slow calls, so the kill lands with calls in flight and most cells still queued.
  llm.configure({ ttftMs: 1200, chunkDelayMs: 20 });
  const created = await post('/api/v1/experiments', {
    datasetId: dataset.body.data.id,
    variants: [{ promptId: prompt.body.data.id }],
    evaluators: [{ type: 'contains' }],
    concurrency: CONCURRENCY,
    cache: false,
  });
  expect(created.status).toBe(202);
  const id = created.body.data.id as string;
  await expect.poll(() => llm.requests.length, { timeout: 15_000 }).toBeGreaterThan(0);
  server.kill();
  const beforeRestart = llm.requests.length;
  expect(beforeRestart).toBeLessThan(ITEMS);

  await server.start();
  await expect.poll(async () => (await get(`/api/v1/experiments/${id}`)).status, { timeout: 90_000, intervals: [500] }).toBe('completed');

  const detail = await get(`/api/v1/experiments/${id}`);
  expect(detail.progress).toEqual({ total: ITEMS, succeeded: ITEMS, errored: 0, canceled: 0, pending: 0 });
  expect(detail.summary[0]).toMatchObject({ scored: ITEMS, passed: ITEMS, passRate: 1 });
  const cells = (await get(`/api/v1/experiments/${id}/cells?limit=1000`)).items as { runId: string; status: string; result: string; output: string }[];
  expect(cells).toHaveLength(ITEMS);
  expect(cells.every((cell) => cell.status === 'succeeded' && cell.result === 'pass')).toBe(true);
  // One run per cell: a call cut off by the kill is claimed again, never recorded twice.
  const runs = (await get(`/api/v1/runs?experimentId=${id}&limit=100`)).items as { id: string; status: string }[];
  expect(runs).toHaveLength(ITEMS);
  expect(new Set(cells.map((cell) => cell.runId))).toEqual(new Set(runs.map((run) => run.id)));
  expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
  // Calls repeated after the restart are at most the ones in flight when the server died.
  expect(llm.requests.length).toBeLessThanOrEqual(ITEMS + CONCURRENCY);
});
