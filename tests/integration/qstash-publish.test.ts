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

  it("publishes an experiment's runs in batches of 100, each with the experiment's flow control", async () => {
    const experimentId = randomUUID();
    const payloads = Array.from({ length: 150 }, () => ({ runId: randomUUID() }));
    expect(await queue.dispatchMany(queue.runsJob, payloads, { lane: { key: experimentId, concurrency: 7 }, deduplicationId: ({ runId }) => runId })).toBe(150);
    expect(qstash.calls.map((c) => c.path)).toEqual(['/v2/batch', '/v2/batch']);
    const messages = qstash.calls.flatMap((c) => JSON.parse(c.body) as { destination: string; headers: Record<string, string>; body: string }[]);
    expect(messages).toHaveLength(150);
    expect(messages.map((m) => JSON.parse(m.body).runId)).toEqual(payloads.map((p) => p.runId));
    const headers = Object.fromEntries(Object.entries(messages[0]!.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(messages[0]!.destination).toBe('https://promptlab.example.com/api/queue/runs');
    expect(headers['upstash-flow-control-key']).toBe(`experiment-${experimentId}`);
    expect(headers['upstash-flow-control-value']).toMatch(/parallelism=7/);
    expect(headers['upstash-deduplication-id']).toBe(payloads[0]!.runId);
  });

  it('gives up after QSTASH_PUBLISH_TIMEOUT_MS when QStash does not answer', async () => {
    qstash.hold();
    const runId = randomUUID();
    await expect(queue.dispatch(queue.runsJob, { runId }, { deduplicationId: runId })).rejects.toThrow(/did not accept the message within 300 ms/);
    expect(qstash.calls).toHaveLength(1);
  });
});
