import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { modelWarnings } from '@/lib/llm/model-warnings';
import { priceFor } from '@/lib/llm/pricing';
import { call, createTestUser, type TestUser } from './helpers';
import { expectMatchesDocument } from './openapi-responses';
import { startRunPipeline } from './runs-harness';

// Warnings are dated by the answer's clock: pin it (Date only, timers stay real) to a fixed instant.
const NOW = new Date('2026-12-01T12:00:00.000Z');

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;
let bob: TestUser;
let promptId: string;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  pipeline = await startRunPipeline();
  [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
  promptId = (await pipeline.createPrompt(alice)).id;
});

afterAll(async () => {
  await pipeline?.close();
  vi.useRealTimers();
});

async function runOf(model: string, topic: string) {
  const res = await pipeline.startRun(alice, { promptId, variables: { topic }, provider: 'openai', model });
  expect(res.status).toBe(202);
  return pipeline.waitForRun(alice, res.body.data.id);
}

describe('model warnings on run answers', () => {
  it('warns about a retiring model on GET /runs/{id}, the list and POST /runs with wait; none for a current model', async () => {
    const retiring = await runOf('gpt-5', 'retiring');
    const current = await runOf('gpt-4o-mini', 'current');
    expect(retiring.status).toBe('succeeded');

    // gpt-5 shuts down on 2026-12-11, within the 30-day notice of NOW; the message's wording is modelWarnings' own.
    const expected = modelWarnings('openai', 'gpt-5', NOW);
    expect(expected).toEqual([expect.objectContaining({ code: 'MODEL_RETIRING', model: 'gpt-5', retiresOn: '2026-12-11' })]);
    expect(retiring.warnings).toEqual(expected);
    expect(current.warnings).toEqual([]);

    const one = await pipeline.getRun(alice, retiring.id);
    expect(one.status).toBe(200);
    expectMatchesDocument('get', '/api/v1/runs/{id}', one.status, one.body);

    const list = await call(pipeline.routes.runs.GET, { path: `/api/v1/runs?promptId=${promptId}`, headers: alice.headers });
    expect(list.status).toBe(200);
    expectMatchesDocument('get', '/api/v1/runs', list.status, list.body);
    const byId = new Map(list.body.data.items.map((item: { id: string; warnings: unknown }) => [item.id, item.warnings]));
    expect(byId.get(retiring.id)).toEqual(expected);
    expect(byId.get(current.id)).toEqual([]);

    const waited = await pipeline.startRun(alice, { promptId, variables: { topic: 'waited' }, provider: 'openai', model: 'gpt-5', wait: 10 });
    expect(waited.status).toBe(200);
    expectMatchesDocument('post', '/api/v1/runs', waited.status, waited.body);
    expect(waited.body.data.warnings).toEqual(expected);
  });

  it('carries the stored cost breakdown and the table entry the price came from', async () => {
    const run = await runOf('gpt-4o-mini', 'breakdown');
    const entry = priceFor('openai', 'gpt-4o-mini', new Date(run.createdAt))!;
    expect(run.priceSource).toEqual({
      kind: 'table',
      tableVersion: expect.any(String),
      entry: { model: entry.model, effectiveFrom: entry.effectiveFrom, source: entry.source, checkedOn: entry.checkedOn },
    });
    // The fake provider counts 4 prompt words and answers 5 tokens; gpt-4o-mini is $0.15 / $0.60 per million:
    // 4 × 0.15 = 0.6 micro-dollars, 5 × 0.60 = 3 micro-dollars, 3.6 in all.
    expect(run.costBreakdown).toEqual({
      lines: [
        { tokenClass: 'input', tokens: 4, perMTok: 0.15, usd: 0.0000006 },
        { tokenClass: 'output', tokens: 5, perMTok: 0.6, usd: 0.000003 },
      ],
      tier: null,
      estimated: false,
      reasoningUncounted: false,
    });
    expect(run.costUsd).toBe(0.0000036);
    expectMatchesDocument('get', '/api/v1/runs/{id}', 200, { data: run, error: null });
  });

  it("keeps another workspace's run out of reach (404)", async () => {
    const run = await runOf('gpt-5', 'private');
    const res = await pipeline.getRun(bob, run.id);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expectMatchesDocument('get', '/api/v1/runs/{id}', res.status, res.body);
  });
});
