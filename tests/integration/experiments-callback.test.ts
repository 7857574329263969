import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from './helpers';
import { startExperimentPipeline } from './experiments-harness';

// The experiments job's signed callback: refused unsigned or signed for another job, a bad payload is dropped (2xx),
// and a replayed launch of a finished experiment changes nothing and calls no model.
let pipeline: Awaited<ReturnType<typeof startExperimentPipeline>>;
let queue: typeof import('@/lib/queue');
let callback: typeof import('@/app/api/queue/experiments/route');
let alice: TestUser;

beforeAll(async () => {
  pipeline = await startExperimentPipeline();
  queue = await import('@/lib/queue');
  callback = await import('@/app/api/queue/experiments/route');
  alice = await createTestUser();
});

afterAll(async () => {
  await pipeline?.close();
});

const PATH = '/api/queue/experiments';
const sign = (path: string, body: string) => queue.signQStashMessage({ url: `${pipeline.server.url}${path}`, body, key: queue.getSigningKeys().currentSigningKey });

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await callback.POST(new Request(`${pipeline.server.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }));
  return { status: res.status, body: await res.json() };
}

describe('POST /api/queue/experiments', () => {
  it('answers 401 unsigned or signed for another job, and drops a bad payload with a 2xx', async () => {
    const body = JSON.stringify({ experimentId: '0b8f6f1e-3c2a-4d5b-9e6f-7a8b9c0d1e2f', action: 'launch' });
    for (const res of [await post(body), await post(body, { 'upstash-signature': sign('/api/queue/runs', body) })]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ data: null, error: { code: 'UNAUTHORIZED' } });
    }
    const bad = JSON.stringify({ experimentId: 'not-a-uuid', action: 'launch' });
    const ignored = await post(bad, { 'upstash-signature': sign(PATH, bad) });
    expect(ignored.status).toBe(200);
    expect(ignored.body.data.ignored).toBeTruthy();
  });

  it('a replayed launch of a finished experiment creates no run and calls no model', async () => {
    const prompt = await pipeline.createPrompt(alice);
    const dataset = await pipeline.createDataset(alice, [{ input: { topic: 'tides' } }, { input: { topic: 'moons' } }]);
    const res = await pipeline.startExperiment(alice, { datasetId: dataset.id, variants: [{ promptId: prompt.id }], cache: false });
    expect(res.status).toBe(202);
    const id = res.body.data.id as string;
    await pipeline.waitForExperiment(id);
    const before = { runs: (await pipeline.runRows(id)).length, calls: pipeline.llm.requests.length };
    expect(before.runs).toBe(2);

    const body = JSON.stringify({ experimentId: id, action: 'launch' });
    const replay = await post(body, { 'upstash-signature': sign(PATH, body) });
    expect(replay.status).toBe(200);
    expect((await pipeline.runRows(id)).length).toBe(before.runs);
    expect(pipeline.llm.requests.length).toBe(before.calls);
    expect(await pipeline.experimentRow(id)).toMatchObject({ status: 'completed', succeededCells: 2 });
  });
});
