import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, createTestUser, type TestUser } from './helpers';
import { startExperimentPipeline } from './experiments-harness';

// What an experiment spends: rescoring retries, budget stops (also while scoring) and a cancel after one.

let pipeline: Awaited<ReturnType<typeof startExperimentPipeline>>;
let alice: TestUser;
let promptId: string;
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
  promptId = (await pipeline.createPrompt(alice)).id;
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

describe('retry-errors cost', () => {
  it('a rescore-only retry counts the call once: the total is the cells\' call and judge costs plus the spent judge', async () => {
    const dataset = await pipeline.createDataset(alice, items(1, 'priced'));
    let judged = 0;
    // The call answers as usual; the first judge answers no score (an evaluator error that still cost), the next grades.
    pipeline.llm.configure({
      reply: (req) => {
        if (!req.body?.response_format) return 'Echo: priced';
        judged += 1;
        return judged === 1 ? 'no idea' : JSON.stringify({ score: 0.9, reason: 'fine' });
      },
    });
    const judge = { type: 'llm-judge', config: { rubric: 'Good answer.', provider: 'openai', model: 'gpt-4o-mini' } };
    const { id } = await start(alice, { datasetId: dataset.id, variants: [{ promptId }], evaluators: [judge] });
    const done = await pipeline.waitForExperiment(id);
    expect(done).toMatchObject({ status: 'completed', erroredCells: 1 });
    const [before] = await pipeline.cellRows(id);
    expect(before!.costUsd).toBeGreaterThan(0);
    expect(before!.judgeCostUsd).toBeGreaterThan(0);
    expect(done.costUsd).toBeCloseTo(before!.costUsd! + before!.judgeCostUsd, 8);

    expect((await post(routes.retry, alice, id)).status).toBe(202);
    const again = await pipeline.waitForExperiment(id, (s) => s === 'completed');
    const [after] = await pipeline.cellRows(id);
    expect(after).toMatchObject({ status: 'succeeded', result: 'pass', runId: before!.runId });
    // The first judge's spend stays; the call is not counted a second time.
    expect(again.costUsd).toBeCloseTo(after!.costUsd! + after!.judgeCostUsd + before!.judgeCostUsd, 8);
  });
});

describe('retry-errors after a budget stop', () => {
  it('answers 409 and leaves the errored cells as they are', async () => {
    const dataset = await pipeline.createDataset(alice, items(2, 'broke'));
    // The judge answers no score: the first cell is errored, and its spend reaches the budget, so the second is canceled.
    pipeline.llm.configure({ reply: (req) => (req.body?.response_format ? 'no idea' : 'Echo: broke') });
    const judge = { type: 'llm-judge', config: { rubric: 'Good answer.', provider: 'openai', model: 'gpt-4o-mini' } };
    const { id } = await start(alice, { datasetId: dataset.id, variants: [{ promptId }], evaluators: [judge], concurrency: 1, budgetUsd: 0.000001 });
    const done = await pipeline.waitForExperiment(id);
    expect(done).toMatchObject({ status: 'completed', stopReason: 'budget', erroredCells: 1, canceledCells: 1 });

    const retried = await post(routes.retry, alice, id);
    expect(retried.status).toBe(409);
    expect(retried.body.error.message).toMatch(/budget.*larger budget/);
    expect(await pipeline.experimentRow(id)).toMatchObject({ status: 'completed', erroredCells: 1, canceledCells: 1 });
    expect((await pipeline.cellRows(id)).filter((cell) => cell.status === 'errored')).toHaveLength(1);
  });
});

describe('budget while scoring', () => {
  it("a rerun's reused cells call no judge past the budget, one judge at a time with concurrency 1", async () => {
    const dataset = await pipeline.createDataset(alice, items(6, 'judged'));
    const source = await start(alice, { datasetId: dataset.id, variants: [{ promptId }] });
    await pipeline.waitForExperiment(source.id);
    pipeline.llm.reset();
    pipeline.llm.configure({ reply: JSON.stringify({ score: 0.9, reason: 'fine' }) });

    const judge = { type: 'llm-judge', config: { rubric: 'Good answer.', provider: 'openai', model: 'gpt-4o-mini' } };
    const rerun = await post(routes.rerun, alice, source.id, { evaluators: [judge], concurrency: 1, budgetUsd: 0.000001 });
    expect(rerun.body.data).toMatchObject({ totalCells: 6, reusedCells: 6 });
    const done = await pipeline.waitForExperiment(rerun.body.data.id);
    expect(done).toMatchObject({ status: 'completed', stopReason: 'budget', succeededCells: 1, canceledCells: 5 });
    // Every request here is a judge (the calls were reused): one, then the budget stopped the rest.
    expect(pipeline.llm.requests).toHaveLength(1);
    const cells = await pipeline.cellRows(done.id);
    expect(done.costUsd).toBeCloseTo(cells.reduce((sum, cell) => sum + (cell.costUsd ?? 0) + cell.judgeCostUsd, 0), 8);
  });
});

describe('cancel after a budget stop', () => {
  it('the canceled experiment says canceled, not budget', async () => {
    pipeline.llm.configure({ ttftMs: 300 });
    const dataset = await pipeline.createDataset(alice, items(4, 'late'));
    const { id } = await start(alice, { datasetId: dataset.id, variants: [{ promptId }], concurrency: 1 });
    const deadline = Date.now() + 10_000;
    while (pipeline.llm.requests.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    // As the gate leaves it when the budget is reached while a call is still running.
    const { getDb } = await import('@/db/client');
    const { experiments } = await import('@/db/schema');
    const { eq } = await import('drizzle-orm');
    await (await getDb()).update(experiments).set({ stopReason: 'budget' }).where(eq(experiments.id, id));

    const canceled = await post(routes.cancel, alice, id);
    expect(canceled.status).toBe(200);
    expect(canceled.body.data).toMatchObject({ status: 'canceled', stopReason: 'canceled' });
    expect(await pipeline.waitForExperiment(id)).toMatchObject({ status: 'canceled', stopReason: 'canceled' });
  });
});

describe('scoring progress', () => {
  it('records scored cells batch by batch, not only once every cell is scored', async () => {
    const dataset = await pipeline.createDataset(alice, items(40, 'slow-judge'));
    const source = await start(alice, { datasetId: dataset.id, variants: [{ promptId }] });
    await pipeline.waitForExperiment(source.id);
    pipeline.llm.reset();
    pipeline.llm.configure({ reply: JSON.stringify({ score: 0.9, reason: 'fine' }), latencyMs: 300 });

    const judge = { type: 'llm-judge', config: { rubric: 'Good answer.', provider: 'openai', model: 'gpt-4o-mini' } };
    const rerun = await post(routes.rerun, alice, source.id, { evaluators: [judge], concurrency: 16 });
    const id = rerun.body.data.id as string;
    const deadline = Date.now() + 20_000;
    let row = await pipeline.experimentRow(id);
    while (row.succeededCells === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      row = await pipeline.experimentRow(id);
    }
    // The first 16 are in while the rest are still with the judge.
    expect(row.status).toBe('running');
    expect(row.succeededCells).toBeGreaterThan(0);
    expect(row.succeededCells).toBeLessThan(40);
    expect(await pipeline.waitForExperiment(id)).toMatchObject({ status: 'completed', succeededCells: 40 });
  });
});

describe('reused cells', () => {
  it('are judged on what their call cost, while the rerun spends nothing on them', async () => {
    const dataset = await pipeline.createDataset(alice, items(2, 'reuse-cost'));
    const source = await start(alice, { datasetId: dataset.id, variants: [{ promptId }], evaluators: [{ type: 'contains', config: { value: 'Echo' } }] });
    const done = await pipeline.waitForExperiment(source.id);
    const [cell] = await pipeline.cellRows(source.id);
    expect(cell!.costUsd).toBeGreaterThan(0);

    // Only the evaluators change, to a cost ceiling below what each call cost: every reused cell must fail it.
    const rerun = await post(routes.rerun, alice, source.id, { evaluators: [{ type: 'cost', config: { usd: cell!.costUsd! / 2 } }] });
    expect(rerun.status).toBe(202);
    const scored = await pipeline.waitForExperiment(rerun.body.data.id);
    expect(scored).toMatchObject({ status: 'completed', succeededCells: 2, reusedCells: 2, costUsd: 0 });
    expect(pipeline.llm.requests).toHaveLength(2); // the source's two calls only
    const cells = await pipeline.cellRows(scored.id);
    expect(cells.every((c) => c.reused && c.costUsd === 0 && c.result === 'fail')).toBe(true);
    expect(done.costUsd).toBeGreaterThan(0);
  });
});

