import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;
let promptId: string;

beforeAll(async () => {
  pipeline = await startRunPipeline();
  alice = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
});

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

const callsFor = (topic: string) => pipeline.llm.requests.filter((r) => JSON.stringify(r.body).includes(topic));

describe('a run through the hand-off', () => {
  it('is queued, executed by the signed callback through the real SDK, and recorded with usage and cost', async () => {
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'tides' } });
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({ status: 'queued' });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      provider: 'openai',
      model: 'gpt-4o-mini',
      versionNumber: 1,
      variables: { topic: 'tides' },
      messages: [{ role: 'user', content: 'Tell me about tides' }],
      output: 'Echo: Tell me about tides',
      attempts: 1,
      cached: false,
      error: null,
    });
    expect(run.usage).toMatchObject({ inputTokens: 4, outputTokens: 5, totalTokens: 9, estimated: false });
    expect(run.costUsd).toBeGreaterThan(0);
    expect(run.latencyMs).toBeGreaterThanOrEqual(0);
    expect(run.ttftMs).not.toBeNull();
    expect(callsFor('tides')).toHaveLength(1);
    expect(callsFor('tides')[0]).toMatchObject({ protocol: 'openai', stream: true });
  });

  it('is delivered in-process by the local dispatcher, with no request to the app itself', async () => {
    const before = pipeline.server.requests.length;
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'in-process' } });
    expect((await pipeline.waitForRun(alice, res.body.data.id)).status).toBe('succeeded');
    expect(callsFor('in-process')).toHaveLength(1);
    expect(pipeline.server.requests.slice(before).filter((r) => r.startsWith('POST /api/queue/'))).toEqual([]);
  });

  it('runs Anthropic models through the Anthropic protocol', async () => {
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'moons' }, provider: 'anthropic', model: 'claude-haiku-4-5' });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({ status: 'succeeded', output: 'Echo: Tell me about moons' });
    expect(callsFor('moons')[0]?.protocol).toBe('anthropic');
  });

  it('runs the built-in local model with no key', async () => {
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'rain' }, provider: 'local', model: 'promptlab-local' });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run.status).toBe('succeeded');
    expect(run.output.length).toBeGreaterThan(0);
    expect(run.usage.outputTokens).toBeGreaterThan(0);
    expect(run.costUsd).toBe(0);
    expect(callsFor('rain')).toHaveLength(0);
  });

  it('counts tokens with a tokenizer when the provider reports none', async () => {
    pipeline.llm.configure({ usage: 'omit' });
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'estimates' } });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run.usage.estimated).toBe(true);
    expect(run.usage.outputTokens).toBeGreaterThan(0);
  });

  it('rejects variables the version does not accept, naming them', async () => {
    const res = await pipeline.startRun(alice, { promptId, variables: {} });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('topic');
    const unknownProvider = await pipeline.startRun(alice, { promptId, variables: { topic: 'x' }, provider: 'nope' });
    expect(unknownProvider.status).toBe(422);
    expect(unknownProvider.body.error.message).toContain('nope');
  });
});

describe('failures', () => {
  it('retries a retryable failure, then succeeds', async () => {
    pipeline.llm.enqueue({ kind: 'status', status: 500 });
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'retry-ok' }, cache: false });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 2, error: null });
    expect(callsFor('retry-ok')).toHaveLength(2);
  });

  it('honours retry-after on 429 and fails after RUN_MAX_ATTEMPTS with the last error', async () => {
    pipeline.llm.enqueue(
      { kind: 'status', status: 429, retryAfterSeconds: 1 },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 503, message: 'still overloaded' },
    );
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'retry-fail' }, cache: false });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run.status).toBe('failed');
    expect(run.attempts).toBe(3);
    expect(run.error.code).toBe('OVERLOADED');
    expect(run.error.message).toContain('still overloaded');
    const calls = callsFor('retry-fail');
    expect(calls).toHaveLength(3);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('fails a non-retryable error at once', async () => {
    pipeline.llm.enqueue({ kind: 'status', status: 400, message: 'bad parameter' });
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'bad-request' }, cache: false });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'BAD_REQUEST' } });
    expect(callsFor('bad-request')).toHaveLength(1);
  });

  it('times out a hanging provider and retries', async () => {
    pipeline.llm.enqueue({ kind: 'hang' });
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'hang' }, cache: false });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 2 });
  });
});

describe('cancel', () => {
  it('stops a running run, and a finished one cannot be canceled', async () => {
    pipeline.llm.enqueue({ kind: 'hang' });
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'cancel-me' }, cache: false });
    const id = res.body.data.id;
    await pipeline.waitForRun(alice, id, (s) => s === 'running');
    const canceled = await callCancel(id);
    expect(canceled.status).toBe(200);
    expect(canceled.body.data.status).toBe('canceled');
    await new Promise((r) => setTimeout(r, 300));
    const after = await pipeline.getRun(alice, id);
    expect(after.body.data).toMatchObject({ status: 'canceled', output: null });
    const again = await callCancel(id);
    expect(again.status).toBe(409);
  });
});

async function callCancel(id: string) {
  const { call } = await import('./helpers');
  return call(pipeline.routes.cancel.POST, { method: 'POST', params: { id }, headers: alice.headers });
}
