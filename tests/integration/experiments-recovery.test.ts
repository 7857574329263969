import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { experimentCells, experiments, runs } from '@/db/schema';
import { createTestUser, type TestUser } from './helpers';
import { startExperimentPipeline } from './experiments-harness';

// A crash, simulated by the state it leaves: a launch or run deliveries lost, an executor dead mid-call, a run that
// finished without its cell being scored. Recovery must finish every cell, each run calling the provider once.

let pipeline: Awaited<ReturnType<typeof startExperimentPipeline>>;
let alice: TestUser;
let promptId: string;
let queue: typeof import('@/lib/queue');
let registry: typeof import('@/lib/queue/job-registry');
let recovery: { runs: typeof import('@/lib/runs/recover-runs'); experiments: typeof import('@/lib/experiments/recover-experiments') };
let handlers: { runs: typeof import('@/lib/runs/run-job'); experiments: typeof import('@/lib/experiments/experiment-job') };

beforeAll(async () => {
  pipeline = await startExperimentPipeline();
  queue = await import('@/lib/queue');
  registry = await import('@/lib/queue/job-registry');
  recovery = { runs: await import('@/lib/runs/recover-runs'), experiments: await import('@/lib/experiments/recover-experiments') };
  handlers = { runs: await import('@/lib/runs/run-job'), experiments: await import('@/lib/experiments/experiment-job') };
  alice = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
});

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ input: { topic: `crash-${i}` } }));
const gone = async () => new Response('gone', { status: 404 }); // not retryable: the transport drops the message
const settle = () => queue.getLocalDispatcher().drain();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function expectEveryCellOnce(id: string, cells: number) {
  const done = await pipeline.waitForExperiment(id);
  expect(done).toMatchObject({ status: 'completed', succeededCells: cells, erroredCells: 0, canceledCells: 0 });
  expect((await pipeline.cellRows(id)).every((cell) => cell.status === 'succeeded' && cell.runId)).toBe(true);
  const runRows = await pipeline.runRows(id);
  expect(runRows).toHaveLength(cells);
  // One provider request per cell: nothing executed twice.
  expect(pipeline.llm.requests).toHaveLength(cells);
  return runRows;
}

describe('experiment recovery', () => {
  it('launches an experiment whose launch was lost', async () => {
    const dataset = await pipeline.createDataset(alice, items(5));
    registry.registerJobHandler('/api/queue/experiments', gone);
    const res = await pipeline.startExperiment(alice, { datasetId: dataset.id, variants: [{ promptId }], cache: false });
    expect(res.status).toBe(202);
    await settle();
    expect((await pipeline.experimentRow(res.body.data.id)).status).toBe('queued');
    expect(await pipeline.runRows(res.body.data.id)).toHaveLength(0);

    registry.registerJobHandler('/api/queue/experiments', handlers.experiments.handleExperimentsJob);
    await pause(5);
    expect(await recovery.experiments.recoverExperiments({ olderThanMs: 1 })).toBe(1);
    await expectEveryCellOnce(res.body.data.id, 5);
  });

  it('re-dispatches lost run deliveries and a run whose executor died, each calling the provider once', async () => {
    const dataset = await pipeline.createDataset(alice, items(6));
    registry.registerJobHandler('/api/queue/runs', gone);
    const res = await pipeline.startExperiment(alice, { datasetId: dataset.id, variants: [{ promptId }], cache: false, concurrency: 2 });
    const id = res.body.data.id as string;
    const deadline = Date.now() + 10_000;
    while ((await pipeline.runRows(id)).length < 6 && Date.now() < deadline) await pause(20);
    await settle();
    expect(pipeline.llm.requests).toHaveLength(0);
    // One run was claimed by an executor that then died: running, its lease over.
    const db = await getDb();
    const [dead] = await pipeline.runRows(id);
    await db.update(runs).set({ status: 'running', attempts: 1, leaseExpiresAt: sql`now() - interval '1 second'` }).where(eq(runs.id, dead!.id));

    registry.registerJobHandler('/api/queue/runs', handlers.runs.handleRunsJob);
    await pause(5);
    const recovered = await recovery.runs.recoverRuns({ queuedForMs: 1 });
    expect(recovered.redispatched).toBe(6);
    const runRows = await expectEveryCellOnce(id, 6);
    expect(runRows.find((run) => run.id === dead!.id)?.attempts).toBe(2);
    expect(runRows.filter((run) => run.id !== dead!.id).every((run) => run.attempts === 1)).toBe(true);
  });

  it('without QStash, re-dispatches every lost run of a running experiment at once (a restart loses the local queue)', async () => {
    const dataset = await pipeline.createDataset(alice, items(8));
    registry.registerJobHandler('/api/queue/runs', gone);
    const res = await pipeline.startExperiment(alice, { datasetId: dataset.id, variants: [{ promptId }], cache: false, concurrency: 3 });
    const id = res.body.data.id as string;
    const deadline = Date.now() + 10_000;
    while ((await pipeline.runRows(id)).length < 8 && Date.now() < deadline) await pause(20);
    await settle();
    expect(pipeline.llm.requests).toHaveLength(0);

    registry.registerJobHandler('/api/queue/runs', handlers.runs.handleRunsJob);
    await pause(5);
    await recovery.experiments.recoverExperiments({ olderThanMs: 1 });
    await expectEveryCellOnce(id, 8);
  });

  it('scores a cell whose run finished before a crash kept it from being scored, without calling the model', async () => {
    const dataset = await pipeline.createDataset(alice, items(3));
    const res = await pipeline.startExperiment(alice, { datasetId: dataset.id, variants: [{ promptId }], cache: false, evaluators: [{ type: 'contains', config: { value: 'Echo' } }] });
    const id = res.body.data.id as string;
    await expectEveryCellOnce(id, 3);
    // Back to the state of a crash between the run's completion and its cell's scoring.
    const db = await getDb();
    const [cell] = await pipeline.cellRows(id);
    await db.update(experimentCells).set({ status: 'pending', results: null, result: null, score: null, finishedAt: null }).where(eq(experimentCells.id, cell!.id));
    // The crash was a while ago: a run that finished just now is left to its executor (which scores it inline).
    await db.update(runs).set({ finishedAt: sql`now() - interval '1 minute'` }).where(eq(runs.id, cell!.runId!));
    await db.update(experiments).set({ status: 'running', finishedAt: null, succeededCells: 2 }).where(eq(experiments.id, id));
    pipeline.llm.reset();

    await pause(5);
    expect(await recovery.experiments.recoverExperiments({ olderThanMs: 1 })).toBe(1);
    const done = await pipeline.waitForExperiment(id);
    expect(done).toMatchObject({ status: 'completed', succeededCells: 3 });
    expect((await pipeline.cellRows(id)).find((c) => c.id === cell!.id)).toMatchObject({ status: 'succeeded', result: 'pass' });
    expect(pipeline.llm.requests).toHaveLength(0);
    // A second pass finds nothing to do.
    expect(await recovery.experiments.recoverExperiments({ olderThanMs: 1 })).toBe(0);
  });

  it('a launch or a duplicate delivery leaves a cell whose run just finished to its executor (no second scoring)', async () => {
    const dataset = await pipeline.createDataset(alice, items(2));
    const res = await pipeline.startExperiment(alice, { datasetId: dataset.id, variants: [{ promptId }], cache: false, evaluators: [{ type: 'contains', config: { value: 'Echo' } }] });
    const id = res.body.data.id as string;
    await expectEveryCellOnce(id, 2);
    // The state while the executor that just finished the run is still scoring its cell.
    const db = await getDb();
    const [cell] = await pipeline.cellRows(id);
    await db.update(experimentCells).set({ status: 'pending', results: null, result: null, score: null, finishedAt: null }).where(eq(experimentCells.id, cell!.id));
    await db.update(experiments).set({ status: 'running', finishedAt: null, succeededCells: 1 }).where(eq(experiments.id, id));
    await db.update(runs).set({ finishedAt: sql`now()` }).where(eq(runs.id, cell!.runId!));

    const { launchExperiment } = await import('@/lib/experiments/launch-experiment');
    const { executeRun } = await import('@/lib/runs/execute-run');
    await launchExperiment({ experimentId: id });
    expect(await executeRun(cell!.runId!, { experimentId: id })).toMatchObject({ status: 'duplicate' });
    expect((await pipeline.cellRows(id)).find((c) => c.id === cell!.id)).toMatchObject({ status: 'pending', results: null });

    // Left that long, it was a crash: the launch scores it.
    await db.update(runs).set({ finishedAt: sql`now() - interval '1 minute'` }).where(eq(runs.id, cell!.runId!));
    await launchExperiment({ experimentId: id });
    expect(await pipeline.experimentRow(id)).toMatchObject({ status: 'completed', succeededCells: 2 });
    expect((await pipeline.cellRows(id)).find((c) => c.id === cell!.id)).toMatchObject({ status: 'succeeded', result: 'pass' });
  });
});
