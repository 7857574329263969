/** Saved credentials are cached per instance (lib/providers/credential-cache.ts); every change reaches the next run. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let providers: typeof import('@/app/api/v1/providers/route');
let provider: typeof import('@/app/api/v1/providers/[id]/route');
let alice: TestUser;
let promptId: string;

beforeAll(async () => {
  pipeline = await startRunPipeline({ ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64') });
  providers = await import('@/app/api/v1/providers/route');
  provider = await import('@/app/api/v1/providers/[id]/route');
  alice = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
});

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

/** Runs on the saved endpoint `box`; the key the provider received, or the error when the run was refused. */
async function runOnBox(topic: string) {
  const res = await pipeline.startRun(alice, { promptId, variables: { topic }, provider: 'box', model: 'any', cache: false });
  if (res.status !== 202) return { refused: res.body.error };
  const run = await pipeline.waitForRun(alice, res.body.data.id);
  expect(run.status).toBe('succeeded');
  const request = pipeline.llm.requests.find((r) => JSON.stringify(r.body).includes(topic));
  return { authorization: request?.headers.authorization };
}

describe('a saved credential', () => {
  it('is used by the next run after it is saved, changed, replaced and deleted', async () => {
    // Looked up before it exists: "none saved" must not stick.
    expect((await runOnBox('before-save')).refused).toMatchObject({ code: 'INVALID_INPUT' });

    const saved = await call(providers.POST, {
      method: 'POST',
      headers: alice.headers,
      body: { provider: 'custom', label: 'box', baseUrl: pipeline.llm.openaiBaseURL, apiKey: 'first-key-0123456789' },
    });
    expect(saved.status).toBe(201);
    expect(await runOnBox('first')).toEqual({ authorization: 'Bearer first-key-0123456789' });

    const patched = await call(provider.PATCH, { method: 'PATCH', params: { id: saved.body.data.id }, headers: alice.headers, body: { apiKey: 'second-key-0123456789' } });
    expect(patched.status).toBe(200);
    expect(await runOnBox('second')).toEqual({ authorization: 'Bearer second-key-0123456789' });

    const resaved = await call(providers.POST, {
      method: 'POST',
      headers: alice.headers,
      body: { provider: 'custom', label: 'box', baseUrl: pipeline.llm.openaiBaseURL, apiKey: 'third-key-0123456789' },
    });
    expect(resaved.status).toBe(201);
    expect(await runOnBox('third')).toEqual({ authorization: 'Bearer third-key-0123456789' });

    const deleted = await call(provider.DELETE, { method: 'DELETE', params: { id: saved.body.data.id }, headers: alice.headers });
    expect(deleted.status).toBe(200);
    expect((await runOnBox('after-delete')).refused).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('unknown provider `box`') });
  });

  it('stops resolving under its old label at once when relabelled', async () => {
    const saved = await call(providers.POST, {
      method: 'POST',
      headers: alice.headers,
      body: { provider: 'custom', label: 'box', baseUrl: pipeline.llm.openaiBaseURL, apiKey: 'relabel-key-0123456789' },
    });
    expect(await runOnBox('relabel-before')).toEqual({ authorization: 'Bearer relabel-key-0123456789' });
    await call(provider.PATCH, { method: 'PATCH', params: { id: saved.body.data.id }, headers: alice.headers, body: { label: 'crate' } });
    expect((await runOnBox('relabel-after')).refused).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
