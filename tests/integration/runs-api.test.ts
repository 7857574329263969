import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertRun } from '@/db/queries/runs';
import { getSigningKeys, signQStashMessage } from '@/lib/queue';
import { call, createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;
let bob: TestUser;
let promptId: string;

beforeAll(async () => {
  pipeline = await startRunPipeline();
  alice = await createTestUser();
  bob = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
});

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

const callsFor = (topic: string) => pipeline.llm.requests.filter((r) => JSON.stringify(r.body).includes(topic));

/** A queued run that nobody has dispatched, so a test controls every delivery. */
async function undispatchedRun(topic: string) {
  const { run } = await insertRun({
    workspaceId: alice.workspace.id,
    promptId,
    promptVersionId: await latestVersionId(),
    versionNumber: 1,
    provider: 'openai',
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Tell me about ${topic}` }],
  });
  return run;
}

async function latestVersionId() {
  const { getPrompt } = await import('@/lib/prompts/read-prompts');
  return (await getPrompt({ id: promptId, workspaceId: alice.workspace.id })).currentVersion!.id;
}

function deliver(runId: string, { url, key, body, expiredSeconds }: { url?: string; key?: string; body?: string; expiredSeconds?: number } = {}) {
  const raw = body ?? JSON.stringify({ runId });
  const target = `${pipeline.server.url}/api/queue/runs`;
  const signature = signQStashMessage({
    url: url ?? target,
    body: raw,
    key: key ?? getSigningKeys().currentSigningKey,
    ...(expiredSeconds ? { now: new Date(Date.now() - expiredSeconds * 1000) } : {}),
  });
  return fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', 'upstash-signature': signature }, body: raw });
}

describe('the callback', () => {
  it('answers 401 and runs nothing for a missing, forged, expired or other-URL signature', async () => {
    const run = await undispatchedRun('unsigned');
    const target = `${pipeline.server.url}/api/queue/runs`;
    const unsigned = await fetch(target, { method: 'POST', body: JSON.stringify({ runId: run.id }) });
    expect(unsigned.status).toBe(401);
    expect((await deliver(run.id, { key: 'not-the-signing-key' })).status).toBe(401);
    expect((await deliver(run.id, { expiredSeconds: 3600 })).status).toBe(401);
    expect((await deliver(run.id, { url: 'https://elsewhere.example/api/queue/runs' })).status).toBe(401);
    const tampered = signQStashMessage({ url: target, body: JSON.stringify({ runId: run.id }), key: getSigningKeys().currentSigningKey });
    const swapped = await fetch(target, { method: 'POST', headers: { 'upstash-signature': tampered }, body: JSON.stringify({ runId: crypto.randomUUID() }) });
    expect(swapped.status).toBe(401);
    expect(callsFor('unsigned')).toHaveLength(0);
    expect((await pipeline.getRun(alice, run.id)).body.data.status).toBe('queued');
  });

  it('executes a run once when deliveries are duplicated or concurrent', async () => {
    pipeline.llm.configure({ latencyMs: 200, ttftMs: 200 });
    const run = await undispatchedRun('duplicate');
    const responses = await Promise.all([deliver(run.id), deliver(run.id), deliver(run.id)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await deliver(run.id)).status).toBe(200);
    const final = await pipeline.waitForRun(alice, run.id);
    expect(final).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(callsFor('duplicate')).toHaveLength(1);
  });

  it('answers 2xx to a payload it can never process, so it is not retried forever', async () => {
    const res = await deliver('x', { body: JSON.stringify({ nope: true }) });
    expect(res.status).toBe(200);
  });
});

describe('cache and idempotency', () => {
  it('serves an identical request from the cache as a new free run pointing at its source', async () => {
    const first = await pipeline.startRun(alice, { promptId, variables: { topic: 'cached' } });
    const source = await pipeline.waitForRun(alice, first.body.data.id);
    const second = await pipeline.startRun(alice, { promptId, variables: { topic: 'cached' } });
    expect(second.body.data.status).toBe('succeeded');
    const hit = (await pipeline.getRun(alice, second.body.data.id)).body.data;
    expect(hit).toMatchObject({ status: 'succeeded', cached: true, costUsd: 0, sourceRunId: source.id, output: source.output });
    expect(hit.id).not.toBe(source.id);
    expect(callsFor('cached')).toHaveLength(1);

    const bypass = await pipeline.startRun(alice, { promptId, variables: { topic: 'cached' }, cache: false });
    expect(bypass.body.data.status).toBe('queued');
    await pipeline.waitForRun(alice, bypass.body.data.id);
    expect(callsFor('cached')).toHaveLength(2);
  });

  it('returns the first run for a repeated idempotency key, in the body or the header', async () => {
    const a = await pipeline.startRun(alice, { promptId, variables: { topic: 'idem' }, cache: false, idempotencyKey: 'order-1' });
    const b = await pipeline.startRun(alice, { promptId, variables: { topic: 'idem' }, cache: false, idempotencyKey: 'order-1' });
    const c = await pipeline.startRun(alice, { promptId, variables: { topic: 'idem' }, cache: false }, { 'Idempotency-Key': 'order-1' });
    expect(a.status).toBe(202);
    expect(b.status).toBe(200);
    expect(b.body.data.id).toBe(a.body.data.id);
    expect(c.body.data.id).toBe(a.body.data.id);
    await pipeline.waitForRun(alice, a.body.data.id);
    expect(callsFor('idem')).toHaveLength(1);
    // The same key in another workspace is another run.
    const bobPrompt = await pipeline.createPrompt(bob);
    const other = await pipeline.startRun(bob, { promptId: bobPrompt.id, variables: { topic: 'idem' }, idempotencyKey: 'order-1' });
    expect(other.body.data.id).not.toBe(a.body.data.id);
  });
});

describe('policies', () => {
  it('answers 402 once the monthly budget is spent and 403 for a model off the allowlist', async () => {
    const carol = await createTestUser();
    const carolPrompt = await pipeline.createPrompt(carol);
    const paid = await pipeline.startRun(carol, { promptId: carolPrompt.id, variables: { topic: 'budget' } });
    await pipeline.waitForRun(carol, paid.body.data.id);
    // Through the API: the policy change also drops the workspace's cached callers.
    const workspace = await import('@/app/api/v1/workspace/route');
    const setPolicy = (body: Record<string, unknown>) => call(workspace.PATCH, { method: 'PATCH', headers: carol.headers, body });
    expect((await setPolicy({ monthlyBudgetUsd: 0.0000001 })).status).toBe(200);
    const over = await pipeline.startRun(carol, { promptId: carolPrompt.id, variables: { topic: 'budget 2' } });
    expect(over.status).toBe(402);
    expect(over.body.error.code).toBe('BUDGET_EXCEEDED');

    expect((await setPolicy({ monthlyBudgetUsd: null, modelAllowlist: ['openai/gpt-4o'] })).status).toBe(200);
    const blocked = await pipeline.startRun(carol, { promptId: carolPrompt.id, variables: { topic: 'allow' } });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.message).toContain('openai/gpt-4o-mini');
    const allowed = await pipeline.startRun(carol, { promptId: carolPrompt.id, variables: { topic: 'allow' }, model: 'gpt-4o' });
    expect(allowed.status).toBe(202);
  });
});

describe('reading runs', () => {
  it('lists with filters, hides other workspaces, and streams the output', async () => {
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'listed' }, cache: false });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    const list = await call(pipeline.routes.runs.GET, { path: `/api/v1/runs?promptId=${promptId}&status=succeeded&q=listed`, headers: alice.headers });
    expect(list.body.data.items.map((r: { id: string }) => r.id)).toEqual([run.id]);
    expect(list.body.data.items[0].promptTitle).toBe('Pipeline');
    expect(run.promptTitle).toBe('Pipeline');
    const none = await call(pipeline.routes.runs.GET, { path: `/api/v1/runs?cached=true&q=listed`, headers: alice.headers });
    expect(none.body.data.items).toEqual([]);
    const bad = await call(pipeline.routes.runs.GET, { path: `/api/v1/runs?status=exploded`, headers: alice.headers });
    expect(bad.status).toBe(422);

    expect((await pipeline.getRun(bob, run.id)).status).toBe(404);
    expect((await call(pipeline.routes.cancel.POST, { method: 'POST', params: { id: run.id }, headers: bob.headers })).status).toBe(404);
    const bobList = await call(pipeline.routes.runs.GET, { path: `/api/v1/runs?q=listed`, headers: bob.headers });
    expect(bobList.body.data.items).toEqual([]);

    const stream = await fetch(`${pipeline.server.url}/api/v1/runs/${run.id}/stream`, { headers: alice.headers });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const text = await stream.text();
    const deltas = [...text.matchAll(/event: delta\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!).text).join('');
    expect(deltas).toBe(run.output);
    expect(text).toContain('event: done');
    const foreign = await fetch(`${pipeline.server.url}/api/v1/runs/${run.id}/stream`, { headers: bob.headers });
    expect(foreign.status).toBe(404);
  });

  it('resumes a stream after the last event id it saw', async () => {
    pipeline.llm.configure({ reply: 'one two three four five', chunkDelayMs: 5 });
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'resume' }, cache: false });
    await pipeline.waitForRun(alice, res.body.data.id);
    const full = await (await fetch(`${pipeline.server.url}/api/v1/runs/${res.body.data.id}/stream`, { headers: alice.headers })).text();
    const ids = [...full.matchAll(/id: (\S+)\nevent: delta/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(2);
    const resumed = await (
      await fetch(`${pipeline.server.url}/api/v1/runs/${res.body.data.id}/stream`, { headers: { ...alice.headers, 'last-event-id': ids[1]! } })
    ).text();
    const rest = [...resumed.matchAll(/event: delta\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!).text).join('');
    const all = [...full.matchAll(/event: delta\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!).text);
    expect(rest).toBe(all.slice(2).join(''));
  });
});
