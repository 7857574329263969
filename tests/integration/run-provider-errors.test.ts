/** What a failed run stores about its provider's error: never a custom endpoint's answer, never a key. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;
let promptId: string;

beforeAll(async () => {
  // Encryption for the saved endpoint's key, without writing .data/encryption-key in the working tree.
  pipeline = await startRunPipeline({ ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64') });
  alice = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
  const providers = await import('@/app/api/v1/providers/route');
  const saved = await call(providers.POST, {
    method: 'POST',
    headers: alice.headers,
    body: { provider: 'custom', label: 'box', baseUrl: pipeline.llm.openaiBaseURL, apiKey: 'box-key-0123456789abcdef' },
  });
  expect(saved.status).toBe(201);
});

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

describe('a failed run', () => {
  it('from a workspace’s custom endpoint stores the status and the error type, not the text of the answer', async () => {
    pipeline.llm.enqueue({ kind: 'status', status: 400, message: 'upstream 10.0.0.7 said: db password hunter2' });
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'custom-400' }, provider: 'box', model: 'any', cache: false });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({ status: 'failed', error: { code: 'BAD_REQUEST', message: 'box: HTTP 400 Bad Request (invalid_request_error)' } });
  });

  it('from the instance’s own provider keeps its message, with the key masked', async () => {
    pipeline.llm.enqueue({ kind: 'status', status: 400, message: 'key sk-test was sent with Authorization: Bearer sk-test' });
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'instance-400' }, cache: false });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run.status).toBe('failed');
    expect(run.error.message).toBe('openai: 400 key •••• was sent with Authorization: Bearer ••••');
  });
});
