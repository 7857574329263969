import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from './helpers';
import { startExperimentPipeline } from './experiments-harness';

let pipeline: Awaited<ReturnType<typeof startExperimentPipeline>>;
let alice: TestUser;
let bob: TestUser;
let promptId: string;

beforeAll(async () => {
  pipeline = await startExperimentPipeline();
  alice = await createTestUser();
  bob = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
  // Version 2: another wording, so the two versions' outputs differ.
  await pipeline.addVersion(alice, promptId, { userPrompt: 'Explain {{ topic }} briefly', model: { provider: 'openai', model: 'gpt-4o-mini' } });
});

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

const topics = ['tides', 'comets', 'volcanoes', 'glaciers'];

describe('an experiment end to end', () => {
  it('runs 2 versions × 2 models × N items, each cell once, scored by its evaluators', async () => {
    const dataset = await pipeline.createDataset(alice, topics.map((topic) => ({ input: { topic }, expected: topic })));
    const res = await pipeline.startExperiment(alice, {
      datasetId: dataset.id,
      variants: [
        { promptId, versionNumber: 1 },
        { promptId, versionNumber: 2 },
        { promptId, versionNumber: 1, model: 'gpt-4o' },
        { promptId, versionNumber: 2, model: 'gpt-4o' },
      ],
      evaluators: [{ type: 'contains', config: { value: 'Tell me' } }],
      cache: false,
    });
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({ status: 'queued', totalCells: 16, reusedCells: 0 });

    const done = await pipeline.waitForExperiment(res.body.data.id);
    expect(done).toMatchObject({ status: 'completed', succeededCells: 16, erroredCells: 0, canceledCells: 0 });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();

    // Every cell called the provider exactly once.
    expect(pipeline.llm.requests).toHaveLength(16);
    const runs = await pipeline.runRows(done.id);
    expect(runs).toHaveLength(16);
    expect(runs.every((run) => run.status === 'succeeded' && run.attempts === 1)).toBe(true);
    expect(new Set(runs.map((run) => run.model))).toEqual(new Set(['gpt-4o-mini', 'gpt-4o']));

    const cells = await pipeline.cellRows(done.id);
    expect(cells.every((cell) => cell.status === 'succeeded' && cell.runId)).toBe(true);
    // Version 1 says "Tell me about…", version 2 "Explain…": the evaluator passes only version 1's cells.
    for (const cell of cells) {
      expect(cell.result).toBe(cell.variant % 2 === 0 ? 'pass' : 'fail');
      expect(cell.results).toHaveLength(1);
    }
    const first = runs.find((run) => run.versionNumber === 1);
    expect(first?.messages).toEqual([{ role: 'user', content: expect.stringMatching(/^Tell me about (tides|comets|volcanoes|glaciers)$/) }]);
  });

  it('runs each repeat as its own call, and answers the first repeat from the run cache when asked', async () => {
    const dataset = await pipeline.createDataset(alice, [{ input: { topic: 'cache-a' } }, { input: { topic: 'cache-b' } }]);
    const first = await pipeline.startExperiment(alice, { datasetId: dataset.id, variants: [{ promptId }], repeats: 2 });
    expect(first.body.data.totalCells).toBe(4);
    const done = await pipeline.waitForExperiment(first.body.data.id);
    expect(done.succeededCells).toBe(4);
    // Repeats are independent samples: never answered from the cache, even within one experiment.
    expect(pipeline.llm.requests).toHaveLength(4);
    pipeline.llm.reset();

    const again = await pipeline.startExperiment(alice, { datasetId: dataset.id, variants: [{ promptId }], repeats: 2 });
    const second = await pipeline.waitForExperiment(again.body.data.id);
    expect(second).toMatchObject({ status: 'completed', succeededCells: 4 });
    // Repeat 0 of each item is a cache hit (cost 0, no call); repeat 1 calls the model.
    expect(pipeline.llm.requests).toHaveLength(2);
    const runs = await pipeline.runRows(second.id);
    expect(runs.filter((run) => run.cached)).toHaveLength(2);
    const cells = await pipeline.cellRows(second.id);
    expect(cells.filter((cell) => cell.repeat === 0).every((cell) => cell.costUsd === 0)).toBe(true);
  });

  it('another workspace gets 404 for the dataset and the prompt, naming the field', async () => {
    const dataset = await pipeline.createDataset(alice, [{ input: { topic: 'x' } }]);
    const bobPrompt = await pipeline.createPrompt(bob);
    const ofAlice = await pipeline.startExperiment(bob, { datasetId: dataset.id, variants: [{ promptId: bobPrompt.id }] });
    expect(ofAlice.status).toBe(404);
    expect(ofAlice.body.error.details?.fields?.[0]?.path).toBe('datasetId');

    const bobDataset = await pipeline.createDataset(bob, [{ input: { topic: 'x' } }]);
    const foreignPrompt = await pipeline.startExperiment(bob, { datasetId: bobDataset.id, variants: [{ promptId: bobPrompt.id }, { promptId }] });
    expect(foreignPrompt.status).toBe(404);
    expect(foreignPrompt.body.error.details?.fields?.[0]?.path).toBe('variants.1.promptId');
    expect(pipeline.llm.requests).toHaveLength(0);
  });

  it('refuses items that lack a variable, naming the variant, the variable and the items', async () => {
    const dataset = await pipeline.createDataset(alice, [{ input: { topic: 'a' } }, { input: {} }, { input: { topic: 'c' } }, { input: { other: 1 } }]);
    const res = await pipeline.startExperiment(alice, { datasetId: dataset.id, variants: [{ promptId }] });
    expect(res.status).toBe(422);
    expect(res.body.error.details?.fields?.[0]).toMatchObject({ path: 'variants.0', message: expect.stringContaining('items 2 and 4 lack `topic`') });
  });

  it('refuses a bad evaluator config at its field', async () => {
    const dataset = await pipeline.createDataset(alice, [{ input: { topic: 'a' } }]);
    const res = await pipeline.startExperiment(alice, { datasetId: dataset.id, variants: [{ promptId }], evaluators: [{ type: 'no-such-type', config: {} }] });
    expect(res.status).toBe(422);
    expect(res.body.error.details?.fields?.[0]?.path).toBe('evaluators.0.type');
  });
});

describe('dataset size', () => {
  it('refuses a dataset whose items are over 64 MB together, saying how big, before loading them', async () => {
    const dataset = await pipeline.createDataset(alice, [{ input: { topic: 'small' } }]);
    const { getDb } = await import('@/db/client');
    const { sql } = await import('drizzle-orm');
    // 260 items of about 256 KB each, built in the database: about 65 MB.
    await (await getDb()).execute(sql`
      insert into dataset_items (dataset_id, workspace_id, position, input)
      select ${dataset.id}::uuid, ${alice.workspace.id}::uuid, g, jsonb_build_object('topic', repeat('x', 256 * 1024))
      from generate_series(1, 260) g`);
    const res = await pipeline.startExperiment(alice, { datasetId: dataset.id, variants: [{ promptId }], cache: false });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/65\.\d MB; an experiment takes at most 64\.0 MB/);
    expect(JSON.stringify(res.body.error)).toContain('datasetId');
    expect(pipeline.llm.requests).toHaveLength(0);
  });
});
