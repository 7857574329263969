import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { runs } from '@/db/schema';
import { createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

// One delivery slot, so a second run waits in the local dispatcher while the first executes.
let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;
let promptId: string;

beforeAll(async () => {
  pipeline = await startRunPipeline({ RUN_CONCURRENCY: '1', LLM_TIMEOUT_MS: '10000' });
  alice = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
});

afterAll(async () => {
  await pipeline?.close();
});

// Recovery scans every workspace: on the shared PostgreSQL run, other files' runs can be stale at the same moment
// and would be counted here. The logic is the same on both drivers; PGlite gives this file a database of its own.
const sharedDatabase = Boolean(process.env.DATABASE_URL);
if (sharedDatabase) console.warn('[runs-recovery-held] skipped on the shared PostgreSQL database: other files\' stale runs would be counted');

describe('recovery beside the local dispatcher', () => {
  it.skipIf(sharedDatabase)('skips a stale-looking run whose message the dispatcher still holds, instead of sending it again', async () => {
    pipeline.llm.configure({ ttftMs: 1500 });
    const first = await pipeline.startRun(alice, { promptId, variables: { topic: 'slot-holder' }, cache: false });
    await pipeline.waitForRun(alice, first.body.data.id, (s) => s === 'running');
    const waiting = await pipeline.startRun(alice, { promptId, variables: { topic: 'waiting' }, cache: false });
    // Queued long ago as far as the database can tell: recovery would take it for a lost delivery.
    const db = await getDb();
    await db.update(runs).set({ createdAt: new Date(Date.now() - 10 * 60_000) }).where(eq(runs.id, waiting.body.data.id));

    const { recoverRuns } = await import('@/lib/runs/recover-runs');
    const { getLocalDispatcher } = await import('@/lib/queue');
    expect(getLocalDispatcher().stats()).toMatchObject({ inFlight: 1, pending: 1 });
    expect(await recoverRuns({ queuedForMs: 5_000 })).toEqual({ redispatched: 0, pending: 1 });
    expect(getLocalDispatcher().stats()).toMatchObject({ inFlight: 1, pending: 1 });

    pipeline.llm.configure({ ttftMs: 0 });
    expect(await pipeline.waitForRun(alice, first.body.data.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(await pipeline.waitForRun(alice, waiting.body.data.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
    await getLocalDispatcher().drain();
    expect(getLocalDispatcher().stats()).toMatchObject({ delivered: 2, deduplicated: 0 });
  });
});
