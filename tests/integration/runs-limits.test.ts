/** Limits on the run path: rendered size, idempotency keys, variables, output size, huge prompts on the local model. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;
let promptId: string;

beforeAll(async () => {
  pipeline = await startRunPipeline({ RUN_MAX_OUTPUT_CHARS: '1000' });
  alice = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
});

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

describe('rendered size', () => {
  it('refuses a template that would render past RUN_MAX_RENDERED_BYTES, naming the limit', async () => {
    const amplifier = await pipeline.createPrompt(alice, { userPrompt: '{{a}}'.repeat(20_000) });
    const res = await pipeline.startRun(alice, { promptId: amplifier.id, variables: { a: 'x'.repeat(100) } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.message).toContain('2,000,000 bytes');
    expect(res.body.error.message).toContain('1,048,576');
    expect(res.body.error.message).toContain('RUN_MAX_RENDERED_BYTES');
    expect((res.body.error as { details?: { fields?: unknown[] } }).details?.fields).toEqual([
      { path: 'variables', message: res.body.error.message },
    ]);
  });

  it('accepts a render at the limit and runs it on the local model, counting its tokens in bounded time', async () => {
    const local = await pipeline.createPrompt(alice, { userPrompt: '{{a}}', model: { provider: 'local', model: 'promptlab-local' } });
    // 1,000,000 characters without a space: counting them took minutes before counting was bounded.
    const res = await pipeline.startRun(alice, { promptId: local.id, variables: { a: 'x'.repeat(1_000_000) }, cache: false });
    expect(res.status).toBe(202);
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run.status).toBe('succeeded');
    expect(run.usage).toMatchObject({ estimated: true });
    expect(run.usage.inputTokens).toBeGreaterThan(100_000);
  });
});

describe('idempotency keys', () => {
  const start = (headers: Record<string, string>, body: Record<string, unknown> = {}) =>
    pipeline.startRun(alice, { promptId, variables: { topic: 'keys' }, cache: false, ...body }, headers);

  it('refuses an Idempotency-Key header over 255 characters, naming it (it overflowed the index before)', async () => {
    for (const key of ['k'.repeat(256), 'k'.repeat(3_000)]) {
      const res = await start({ 'idempotency-key': key });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('INVALID_INPUT');
      expect(res.body.error.message).toContain('Idempotency-Key');
      expect(res.body.error.message).toContain('255');
    }
  });

  it('refuses a header that is not printable ASCII, and the same rules for the body field', async () => {
    const latin1 = await start({ 'idempotency-key': 'caf\u00e9' });
    expect(latin1.status).toBe(422);
    expect(latin1.body.error.message).toContain('printable ASCII');

    const body = await start({}, { idempotencyKey: 'k'.repeat(256) });
    expect(body.status).toBe(422);
    expect(body.body.error.message).toContain('idempotencyKey');
  });

  it('accepts a 255-character key and replays it', async () => {
    const key = `${'k'.repeat(250)}-${Date.now() % 10_000}`.slice(0, 255).padEnd(255, 'k');
    const first = await start({ 'idempotency-key': key });
    expect(first.status).toBe(202);
    const again = await start({ 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(first.body.data.id);
  });
});

describe('variables', () => {
  it('refuses more than 100 variables in one request', async () => {
    const variables = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, 'x']));
    const res = await pipeline.startRun(alice, { promptId, variables });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('at most 100 variables');
  });
});

describe('output size', () => {
  it('keeps the first RUN_MAX_OUTPUT_CHARS of a longer reply and marks the run, cached copies too', async () => {
    pipeline.llm.configure({ reply: 'word '.repeat(2_000) });
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'a very long answer' } });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({ status: 'succeeded', outputTruncated: true, output: 'word '.repeat(200) });

    const copy = await pipeline.startRun(alice, { promptId, variables: { topic: 'a very long answer' } });
    const cached = await pipeline.waitForRun(alice, copy.body.data.id);
    expect(cached).toMatchObject({ cached: true, outputTruncated: true, output: run.output });
  });

  it('leaves a reply within the limit unmarked', async () => {
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'short' }, cache: false });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({ status: 'succeeded', outputTruncated: false, output: 'Echo: Tell me about short' });
  });
});
