import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, createTestUser, type TestUser } from './helpers';
import { startExperimentPipeline } from './experiments-harness';

let pipeline: Awaited<ReturnType<typeof startExperimentPipeline>>;
let alice: TestUser;
let bob: TestUser;
let promptId: string;
let bobPromptId: string;
let routes: {
  cancel: typeof import('@/app/api/v1/experiments/[id]/cancel/route');
  retry: typeof import('@/app/api/v1/experiments/[id]/retry-errors/route');
  rerun: typeof import('@/app/api/v1/experiments/[id]/rerun/route');
};

beforeAll(async () => {
  pipeline = await startExperimentPipeline({ RUN_MAX_ATTEMPTS: '2' });
  routes = {
    cancel: await import('@/app/api/v1/experiments/[id]/cancel/route'),
    retry: await import('@/app/api/v1/experiments/[id]/retry-errors/route'),
    rerun: await import('@/app/api/v1/experiments/[id]/rerun/route'),
  };
  alice = await createTestUser();
  bob = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
  bobPromptId = (await pipeline.createPrompt(bob)).id;
});

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

const items = (n: number, prefix = 'topic') => Array.from({ length: n }, (_, i) => ({ input: { topic: `${prefix}-${i}` }, expected: `${prefix}-${i}` }));
const post = (route: { POST: (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response> }, user: TestUser, id: string, body?: unknown) =>
  call(route.POST, { method: 'POST', headers: user.headers, params: { id }, body });

async function start(user: TestUser, body: Record<string, unknown>) {
  const res = await pipeline.startExperiment(user, { cache: false, ...body });
  expect(res.status).toBe(202);
  return res.body.data as { id: string; totalCells: number; reusedCells: number };
}

/** The most calls the provider had in flight at once, from arrival times and a fixed latency. */
function maxInFlight(arrivals: number[], latencyMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let max = 0;
  for (const [i, at] of sorted.entries()) {
    const overlapping = sorted.slice(0, i + 1).filter((other) => other > at - latencyMs + 15).length;
    max = Math.max(max, overlapping);
  }
  return max;
}

describe('errors are not failures', () => {
  it('a call that fails after its retries is errored, excluded from pass/fail, and retry-errors runs it again', async () => {
    const dataset = await pipeline.createDataset(alice, items(1));
    // One cell: both of its attempts (RUN_MAX_ATTEMPTS 2) meet a 500.
    pipeline.llm.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const { id } = await start(alice, { datasetId: dataset.id, variants: [{ promptId }], evaluators: [{ type: 'contains', config: { value: 'Echo' } }] });
    const done = await pipeline.waitForExperiment(id);
    expect(done).toMatchObject({ status: 'completed', succeededCells: 0, erroredCells: 1 });
    expect(pipeline.llm.requests).toHaveLength(2);
    const [errored] = await pipeline.cellRows(id);
    expect(errored).toMatchObject({ status: 'errored', result: null, results: null }); // not a fail, and not scored
    const failedRunId = errored!.runId;

    expect((await post(routes.retry, bob, id)).status).toBe(404);
    const retried = await post(routes.retry, alice, id);
    expect(retried.status).toBe(202);
    expect(retried.body.data).toEqual({ id, retried: 1 });
    const again = await pipeline.waitForExperiment(id, (s) => s === 'completed');
    expect(again).toMatchObject({ succeededCells: 1, erroredCells: 0 });
    const after = (await pipeline.cellRows(id)).find((cell) => cell.id === errored!.id)!;
    expect(after).toMatchObject({ status: 'succeeded', result: 'pass' });
    expect(after.runId).not.toBe(failedRunId);
    // The failed run stays in the history next to the new one.
    const runs = await pipeline.runRows(id);
    expect(runs.map((run) => run.status).sort()).toEqual(['failed', 'succeeded']);
  });
});

describe('evaluator errors', () => {
  it('an evaluator that errors marks the cell errored (not failed); retry-errors scores it again without a model call', async () => {
    const dataset = await pipeline.createDataset(alice, items(2, 'unpriced'));
    // No price for this model: the cost evaluator cannot judge, which is an error, never a fail.
    const { id } = await start(alice, { datasetId: dataset.id, variants: [{ promptId, model: 'unpriced-model' }], evaluators: [{ type: 'cost', config: { usd: 1 } }] });
    const done = await pipeline.waitForExperiment(id);
    expect(done).toMatchObject({ status: 'completed', succeededCells: 0, erroredCells: 2 });
    const cells = await pipeline.cellRows(id);
    expect(cells.every((cell) => cell.result === 'error' && cell.results?.[0]?.status === 'error')).toBe(true);
    pipeline.llm.reset();

    const retried = await post(routes.retry, alice, id);
    expect(retried.body.data).toEqual({ id, retried: 2 });
    const again = await pipeline.waitForExperiment(id, (s) => s === 'completed');
    expect(again.erroredCells).toBe(2);
    expect(pipeline.llm.requests).toHaveLength(0);
    // The same runs: only the scoring ran again.
    expect((await pipeline.cellRows(id)).map((cell) => cell.runId).sort()).toEqual(cells.map((cell) => cell.runId).sort());
    expect(await pipeline.runRows(id)).toHaveLength(2);
  });
});

describe('rate limits', () => {
  it('a 429 pauses the experiment for its Retry-After and spends no attempt', async () => {
    const dataset = await pipeline.createDataset(alice, items(2));
    pipeline.llm.enqueue({ kind: 'status', status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const { id } = await start(alice, { datasetId: dataset.id, variants: [{ promptId }], concurrency: 1 });
    const done = await pipeline.waitForExperiment(id);
    expect(done).toMatchObject({ status: 'completed', succeededCells: 2, erroredCells: 0 });
    expect(done.pausedUntil).not.toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const runs = await pipeline.runRows(id);
    const limited = runs.find((run) => run.rateLimitedCount > 0)!;
    expect(limited).toMatchObject({ status: 'succeeded', attempts: 1, rateLimitedCount: 1 });
    expect(pipeline.llm.requests).toHaveLength(3);
    // The other cell's run waited the pause out queued: never claimed (started) before the pause ended.
    const other = runs.find((run) => run.id !== limited.id)!;
    expect(other.startedAt!.getTime()).toBeGreaterThanOrEqual(done.pausedUntil!.getTime() - 5);
  });
});

describe('concurrency', () => {
  it('is a hard ceiling on calls in flight, measured at the provider', async () => {
    pipeline.llm.configure({ ttftMs: 150 });
    const dataset = await pipeline.createDataset(alice, items(16));
    const { id } = await start(alice, { datasetId: dataset.id, variants: [{ promptId }], concurrency: 3 });
    await pipeline.waitForExperiment(id);
    const arrivals = pipeline.llm.requests.map((r) => r.at);
    expect(arrivals).toHaveLength(16);
    const peak = maxInFlight(arrivals, 150);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThanOrEqual(2);
  });
});

describe('fairness', () => {
  it("does not starve other runs: a workspace's ordinary run finishes while a long experiment is still going", async () => {
    pipeline.llm.configure({ ttftMs: 100 });
    const dataset = await pipeline.createDataset(alice, items(40, 'fair'));
    const { id } = await start(alice, { datasetId: dataset.id, variants: [{ promptId }], concurrency: 4 });
    const deadline = Date.now() + 10_000;
    while (pipeline.llm.requests.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const runsRoute = await import('@/app/api/v1/runs/route');
    const runRoute = await import('@/app/api/v1/runs/[id]/route');
    const created = await call(runsRoute.POST, { method: 'POST', headers: bob.headers, body: { promptId: bobPromptId, variables: { topic: 'meanwhile' }, cache: false } });
    expect(created.status).toBe(202);
    let run: { status: string } = { status: 'queued' };
    while (!['succeeded', 'failed'].includes(run.status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      run = (await call(runRoute.GET, { params: { id: created.body.data.id }, headers: bob.headers })).body.data;
    }
    expect(run.status).toBe('succeeded');
    // 40 calls at 4 at a time take about a second: the ordinary run did not wait behind them.
    expect((await pipeline.experimentRow(id)).status).toBe('running');
    await pipeline.waitForExperiment(id);
  });
});

describe('budget', () => {
  it('stops new calls once the spend reaches it: the rest are canceled and the experiment says why', async () => {
    const dataset = await pipeline.createDataset(alice, items(6));
    const { id } = await start(alice, { datasetId: dataset.id, variants: [{ promptId }], concurrency: 1, budgetUsd: 0.000001 });
    const done = await pipeline.waitForExperiment(id);
    expect(done).toMatchObject({ status: 'completed', stopReason: 'budget', succeededCells: 1, canceledCells: 5 });
    expect(done.costUsd).toBeGreaterThanOrEqual(0.000001);
    expect(pipeline.llm.requests).toHaveLength(1);
  });
});

describe('cancel', () => {
  it('stops new calls within a second and ends every pending cell; a finished experiment answers 409', async () => {
    pipeline.llm.configure({ ttftMs: 300 });
    const dataset = await pipeline.createDataset(alice, items(20));
    const { id } = await start(alice, { datasetId: dataset.id, variants: [{ promptId }], concurrency: 2 });
    const deadline = Date.now() + 10_000;
    while (pipeline.llm.requests.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));

    expect((await post(routes.cancel, bob, id)).status).toBe(404);
    const canceled = await post(routes.cancel, alice, id);
    expect(canceled.status).toBe(200);
    expect(canceled.body.data).toMatchObject({ id, status: 'canceled', stopReason: 'canceled' });
    const atCancel = pipeline.llm.requests.length;
    await new Promise((r) => setTimeout(r, 1000));
    expect(pipeline.llm.requests.length).toBe(atCancel);

    const row = await pipeline.experimentRow(id);
    expect(row.status).toBe('canceled');
    expect(row.succeededCells + row.erroredCells + row.canceledCells).toBe(20);
    expect((await pipeline.cellRows(id)).every((cell) => cell.status !== 'pending')).toBe(true);
    const runs = await pipeline.runRows(id);
    expect(runs.every((run) => run.status === 'canceled' || run.status === 'succeeded')).toBe(true);
    expect((await post(routes.cancel, alice, id)).status).toBe(409);
  });
});

describe('rerun', () => {
  it('reuses every unchanged cell and runs only the changed variant; changing only evaluators calls no model', async () => {
    const dataset = await pipeline.createDataset(alice, items(4, 'rerun'));
    const source = await start(alice, { datasetId: dataset.id, variants: [{ promptId }, { promptId, model: 'gpt-4o' }], evaluators: [{ type: 'contains', config: { value: 'Echo' } }] });
    const done = await pipeline.waitForExperiment(source.id);
    expect(done.succeededCells).toBe(8);
    const sourceCost = done.costUsd;
    pipeline.llm.reset();

    // Variant 1 changes model: its 4 cells run, variant 0's 4 are reused.
    const changed = await post(routes.rerun, alice, source.id, { variants: [{ promptId }, { promptId, model: 'gpt-4.1-mini' }] });
    expect(changed.status).toBe(202);
    expect(changed.body.data).toMatchObject({ totalCells: 8, reusedCells: 4 });
    expect(changed.body.data.savedUsd).toBeGreaterThan(0);
    const rerun = await pipeline.waitForExperiment(changed.body.data.id);
    expect(rerun).toMatchObject({ status: 'completed', succeededCells: 8, reusedCells: 4, sourceExperimentId: source.id });
    expect(pipeline.llm.requests).toHaveLength(4);
    expect(pipeline.llm.requests.every((r) => r.model === 'gpt-4.1-mini')).toBe(true);
    const reused = (await pipeline.cellRows(rerun.id)).filter((cell) => cell.reused);
    expect(reused).toHaveLength(4);
    expect(reused.every((cell) => cell.variant === 0 && cell.costUsd === 0 && cell.result === 'pass')).toBe(true);
    pipeline.llm.reset();

    // Only the evaluators change: no model call, every cell scored again.
    const rescored = await post(routes.rerun, alice, source.id, { evaluators: [{ type: 'contains', config: { value: 'never-there' } }] });
    expect(rescored.body.data).toMatchObject({ totalCells: 8, reusedCells: 8 });
    expect(rescored.body.data.savedUsd).toBeCloseTo(sourceCost, 8);
    const scored = await pipeline.waitForExperiment(rescored.body.data.id);
    expect(scored).toMatchObject({ status: 'completed', succeededCells: 8, costUsd: 0 });
    expect(pipeline.llm.requests).toHaveLength(0);
    expect((await pipeline.cellRows(scored.id)).every((cell) => cell.result === 'fail')).toBe(true);

    expect((await post(routes.rerun, bob, source.id, {})).status).toBe(404);
  });
});
