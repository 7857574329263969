import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { runs } from '@/db/schema';
import { createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

// The signed queue callbacks through their one wrapper: cap, signature, payload, and the 2xx/5xx retry policy.
let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let queue: typeof import('@/lib/queue');
let recoverRoute: typeof import('@/app/api/queue/recover-runs/route');
let alice: TestUser;
let promptId: string;

beforeAll(async () => {
  pipeline = await startRunPipeline({ CRON_SECRET: 'cron-secret-for-tests' });
  queue = await import('@/lib/queue');
  recoverRoute = await import('@/app/api/queue/recover-runs/route');
  alice = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
});

afterAll(async () => {
  await pipeline?.close();
});

const sign = (path: string, body: string) =>
  queue.signQStashMessage({ url: `${pipeline.server.url}${path}`, body, key: queue.getSigningKeys().currentSigningKey });

async function post(handler: (req: Request) => Promise<Response>, path: string, body: string | ReadableStream, headers: Record<string, string> = {}) {
  const res = await handler(
    new Request(`${pipeline.server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit),
  );
  return { status: res.status, headers: res.headers, body: await res.json() };
}

async function finishedRun() {
  const res = await pipeline.startRun(alice, { promptId, variables: { topic: `done ${Math.random()}` }, provider: 'local', model: 'promptlab-local' });
  await pipeline.waitForRun(alice, res.body.data.id);
  return res.body.data.id as string;
}

describe('POST /api/queue/runs', () => {
  it('refuses a body over 64 KB with 413 before reading it all', async () => {
    const big = JSON.stringify({ runId: '0b8f6f1e-3c2a-4d5b-9e6f-7a8b9c0d1e2f', pad: 'x'.repeat(100 * 1024) });
    const res = await post(pipeline.routes.callback.POST, '/api/queue/runs', big, { 'upstash-signature': sign('/api/queue/runs', big) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ data: null, error: { code: 'PAYLOAD_TOO_LARGE' } });

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    }, { highWaterMark: 0 });
    const streamed = await post(pipeline.routes.callback.POST, '/api/queue/runs', endless, { 'upstash-signature': sign('/api/queue/runs', '{}') });
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(96 * 1024);
  });

  it('answers 401 in the envelope for an unsigned call or one signed for another job', async () => {
    const body = JSON.stringify({ runId: '0b8f6f1e-3c2a-4d5b-9e6f-7a8b9c0d1e2f' });
    const unsigned = await post(pipeline.routes.callback.POST, '/api/queue/runs', body);
    const otherJob = await post(pipeline.routes.callback.POST, '/api/queue/runs', body, { 'upstash-signature': sign('/api/queue/recover-runs', body) });
    for (const res of [unsigned, otherJob]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ data: null, error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('answers 2xx "ignored" for a signed payload that fails the job schema', async () => {
    const body = JSON.stringify({ runId: 'not-a-uuid' });
    const res = await post(pipeline.routes.callback.POST, '/api/queue/runs', body, { 'upstash-signature': sign('/api/queue/runs', body) });
    expect(res.status).toBe(200);
    expect(res.body.data.ignored).toContain('runId');
  });

  it('answers 2xx duplicate for a finished run, without calling the provider', async () => {
    const id = await finishedRun();
    const body = JSON.stringify({ runId: id });
    const res = await post(pipeline.routes.callback.POST, '/api/queue/runs', body, { 'upstash-signature': sign('/api/queue/runs', body) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { status: 'duplicate' }, error: null });
  });

  it('answers 503 with Retry-After, not duplicate, while another attempt holds the lease', async () => {
    const id = await finishedRun();
    const db = await getDb();
    await db.update(runs).set({ status: 'running', output: null, leaseExpiresAt: new Date(Date.now() + 20_000) }).where(eq(runs.id, id));
    const body = JSON.stringify({ runId: id });
    const res = await post(pipeline.routes.callback.POST, '/api/queue/runs', body, { 'upstash-signature': sign('/api/queue/runs', body) });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ data: null, error: { code: 'UNAVAILABLE' } });
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(20);
    await db.update(runs).set({ status: 'succeeded', leaseExpiresAt: null }).where(eq(runs.id, id));
  });
});

describe('POST /api/queue/recover-runs', () => {
  it('runs recovery for a signed call and refuses an unsigned one', async () => {
    const signed = await post(recoverRoute.POST, '/api/queue/recover-runs', '{}', { 'upstash-signature': sign('/api/queue/recover-runs', '{}') });
    expect(signed.status).toBe(200);
    expect(signed.body.data).toMatchObject({ status: 'done', redispatched: expect.any(Number) });
    const unsigned = await post(recoverRoute.POST, '/api/queue/recover-runs', '{}');
    expect(unsigned.status).toBe(401);
  });
});
