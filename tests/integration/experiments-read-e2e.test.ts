import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as streamRoute from '@/app/api/v1/experiments/[id]/stream/route';
import * as compareRoute from '@/app/api/v1/experiments/[id]/compare/route';
import * as exportRoute from '@/app/api/v1/experiments/[id]/export/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import { BASE, call, createTestUser, type TestUser } from './helpers';
import { startExperimentPipeline } from './experiments-harness';

// The read side over an experiment the real engine ran: POST, the stream until done, then every read.

let pipeline: Awaited<ReturnType<typeof startExperimentPipeline>>;
let alice: TestUser;
let bob: TestUser;
let promptId: string;

beforeAll(async () => {
  pipeline = await startExperimentPipeline();
  alice = await createTestUser();
  bob = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
  await pipeline.addVersion(alice, promptId, { userPrompt: 'Explain {{ topic }} briefly', model: { provider: 'openai', model: 'gpt-4o-mini' } });
});

afterAll(async () => {
  await pipeline?.close();
});

async function readEvents(res: Response): Promise<{ event: string; data: any }[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event: '))
    .map((block) => ({ event: /^event: (.*)$/m.exec(block)![1]!, data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) }));
}

describe('an experiment the engine ran, read back', () => {
  it('streams to done, then answers summary, verdict, cells, its runs and the export', async () => {
    pipeline.llm.configure({ latencyMs: 30 });
    const topics = Array.from({ length: 12 }, (_, i) => `topic number ${i}`);
    const dataset = await pipeline.createDataset(alice, topics.map((topic) => ({ input: { topic } })));
    const created = await pipeline.startExperiment(alice, {
      datasetId: dataset.id,
      variants: [{ promptId, versionNumber: 1, label: 'Tell' }, { promptId, versionNumber: 2, label: 'Explain' }],
      evaluators: [{ type: 'contains', config: { value: 'Tell me' } }],
      concurrency: 4,
      cache: false,
    });
    expect(created.status).toBe(202);
    const id = created.body.data.id as string;

    const stream = await streamRoute.GET(new Request(`${BASE}/api/v1/experiments/${id}/stream`, { headers: alice.headers }), { params: Promise.resolve({ id }) });
    const events = await readEvents(stream);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ event: 'done', data: { status: 'completed', progress: { total: 24, succeeded: 24, pending: 0 }, etaSeconds: 0 } });
    expect(events.slice(0, -1).every((e) => e.event === 'progress')).toBe(true);
    const done = events.map((e) => e.data.progress.succeeded);
    expect([...done].sort((a, b) => a - b)).toEqual(done);

    const detail = (await pipeline.getExperiment(alice, id)).body.data;
    expect(detail.summary.map((s: { label: string; passRate: number; scored: number }) => [s.label, s.passRate, s.scored])).toEqual([
      ['Tell', 1, 12],
      ['Explain', 0, 12],
    ]);

    const verdict = await call(compareRoute.GET, { path: `/api/v1/experiments/${id}/compare?a=1&b=0`, params: { id }, headers: alice.headers });
    expect(verdict.body.data).toMatchObject({ pairs: 12, verdict: 'b_better', mcnemar: { aOnly: 0, bOnly: 12 } });

    const failures = await call(pipeline.routes.cells.GET, { path: `/api/v1/experiments/${id}/cells?result=fail`, params: { id }, headers: alice.headers });
    expect(failures.body.data.items).toHaveLength(12);
    expect(failures.body.data.items.every((c: { variant: number; output: string; runStatus: string }) => c.variant === 1 && c.runStatus === 'succeeded' && c.output.length > 0)).toBe(true);
    const search = await call(pipeline.routes.cells.GET, { path: `/api/v1/experiments/${id}/cells?q=${encodeURIComponent('topic number 11')}`, params: { id }, headers: alice.headers });
    expect(search.body.data.items.map((c: { variant: number }) => c.variant)).toEqual([0, 1]);

    const runsOf = await call(runsRoute.GET, { path: `/api/v1/runs?experimentId=${id}&limit=100`, headers: alice.headers });
    expect(runsOf.body.data.items).toHaveLength(24);
    const history = await call(runsRoute.GET, { path: '/api/v1/runs?limit=100', headers: alice.headers });
    expect(history.body.data.items.filter((r: { experimentId: string | null }) => r.experimentId === id)).toEqual([]);

    const csv = await exportRoute.GET(new Request(`${BASE}/api/v1/experiments/${id}/export?format=csv`, { headers: alice.headers }), { params: Promise.resolve({ id }) });
    const rows = Papa.parse<Record<string, string>>(await csv.text(), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(24);
    expect(rows[0]).toMatchObject({ position: '0', 'input.topic': 'topic number 0', variant: '0', label: 'Tell', status: 'succeeded', result: 'pass', contains: 'pass' });

    // Another workspace: 404 on the stream before it opens, and on the reads.
    const foreign = await streamRoute.GET(new Request(`${BASE}/api/v1/experiments/${id}/stream`, { headers: bob.headers }), { params: Promise.resolve({ id }) });
    expect(foreign.status).toBe(404);
    expect((await pipeline.getExperiment(bob, id)).status).toBe(404);
  });
});
