import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { qstashTestSettings, startQStashStandin, type QStashStandin } from '../fixtures/qstash-standin';

// Run creation awaits the publish: a hung or failing QStash must cost it a bounded time, never stall it.
let qstash: QStashStandin;
let queue: typeof import('@/lib/queue');
const saved = { ...process.env };

beforeAll(async () => {
  qstash = await startQStashStandin();
  Object.assign(process.env, {
    ...qstashTestSettings(qstash.url),
    QSTASH_PUBLISH_TIMEOUT_MS: '300',
  });
  vi.resetModules(); // env() is memoised
  queue = await import('@/lib/queue');
});

afterAll(async () => {
  qstash.release();
  await qstash.close();
  process.env = saved;
  vi.resetModules();
});

beforeEach(() => {
  qstash.calls.length = 0;
  qstash.release();
  qstash.fail(null);
});

describe('publishing a run to QStash', () => {
  it('publishes the signed callback for the job to APP_URL', async () => {
    const runId = randomUUID();
    const result = await queue.dispatch(queue.runsJob, { runId }, { deduplicationId: runId });
    expect(result).toMatchObject({ transport: 'qstash', deduplicated: false });
    expect(qstash.calls.map((c) => c.path)).toEqual(['/v2/publish/https://promptlab.example.com/api/queue/runs']);
  });

  it('gives up after QSTASH_PUBLISH_TIMEOUT_MS when QStash does not answer', async () => {
    qstash.hold();
    const runId = randomUUID();
    await expect(queue.dispatch(queue.runsJob, { runId }, { deduplicationId: runId })).rejects.toThrow(/did not accept the message within 300 ms/);
    expect(qstash.calls).toHaveLength(1);
  });
});
