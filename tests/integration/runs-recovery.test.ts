import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { runs } from '@/db/schema';
import { call, createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;
let promptId: string;

beforeAll(async () => {
  pipeline = await startRunPipeline({ RATE_LIMIT_RUNS_PER_MINUTE: '5', CRON_SECRET: 'cron-secret-for-tests' });
  alice = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
});

afterAll(async () => {
  await pipeline?.close();
});

describe('recovery', () => {
  it('finishes runs whose delivery was lost or whose executor died, once each', async () => {
    const lost = await pipeline.startRun(alice, { promptId, variables: { topic: 'lost' }, cache: false });
    const crashed = await pipeline.startRun(alice, { promptId, variables: { topic: 'crashed' }, cache: false });
    await pipeline.waitForRun(alice, lost.body.data.id);
    await pipeline.waitForRun(alice, crashed.body.data.id);
    // Rewind both: one queued long ago (its message lost), one running with a lease that expired (its process died).
    const db = await getDb();
    const past = new Date(Date.now() - 10 * 60_000);
    await db.update(runs).set({ status: 'queued', createdAt: past, output: null, attempts: 0 }).where(eq(runs.id, lost.body.data.id));
    await db.update(runs).set({ status: 'running', leaseExpiresAt: past, output: null, attempts: 1 }).where(eq(runs.id, crashed.body.data.id));
    pipeline.llm.reset();

    const cron = await import('@/app/api/cron/recover-runs/route');
    const res = await cron.GET(new Request('http://localhost/api/cron/recover-runs', { headers: { authorization: 'Bearer cron-secret-for-tests' } }));
    expect(res.status).toBe(200);
    expect((await res.json()).data.redispatched).toBeGreaterThanOrEqual(2);

    const a = await pipeline.waitForRun(alice, lost.body.data.id);
    const b = await pipeline.waitForRun(alice, crashed.body.data.id);
    expect(a).toMatchObject({ status: 'succeeded', attempts: 1, output: 'Echo: Tell me about lost' });
    expect(b).toMatchObject({ status: 'succeeded', attempts: 2, output: 'Echo: Tell me about crashed' });
    // The sweep covers the whole database: on the shared PostgreSQL run it also finishes other files' stranded runs.
    const ours = pipeline.llm.requests.filter((r) => /Tell me about (lost|crashed)\b/.test(JSON.stringify(r.body)));
    expect(ours).toHaveLength(2);
  });

  it('protects the cron route with CRON_SECRET', async () => {
    const cron = await import('@/app/api/cron/recover-runs/route');
    for (const authorization of [undefined, 'Bearer wrong', 'cron-secret-for-tests']) {
      const res = await cron.GET(new Request('http://localhost/api/cron/recover-runs', { headers: authorization ? { authorization } : {} }));
      expect(res.status, String(authorization)).toBe(401);
    }
  });
});

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED with Retry-After and X-RateLimit headers past the per-user limit', async () => {
    const user = await createTestUser();
    const prompt = await pipeline.createPrompt(user);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await pipeline.startRun(user, { promptId: prompt.id, variables: { topic: `limit ${i}` }, provider: 'local', model: 'promptlab-local' });
      statuses.push(last.status);
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(last!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('x-ratelimit-limit')).toBe('5');
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
    // Another user has their own budget.
    const other = await createTestUser();
    const otherPrompt = await pipeline.createPrompt(other);
    expect((await pipeline.startRun(other, { promptId: otherPrompt.id, variables: { topic: 'x' }, provider: 'local', model: 'promptlab-local' })).status).toBe(202);
    void call;
  });
});
