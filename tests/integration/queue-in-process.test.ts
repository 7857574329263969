/**
 * The local dispatcher hands a signed Request to the job's handler in-process when one is registered: no HTTP
 * request to the app itself, and the handler still verifies the signature, caps and parses as its route does.
 * (tests/integration/runs-pipeline.test.ts checks that a whole run makes no request to the app's own callback.)
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { withQueueJob, type JobContext, type JobOutcome } from '@/lib/queue/handle-job';
import { defineJob } from '@/lib/queue/jobs';
import { createLocalDispatcher, type LocalDispatcherOptions } from '@/lib/queue/local-dispatcher';
import { signQStashMessage } from '@/lib/queue/sign';

const APP_URL = 'https://promptlab.example.test';
const testJob = defineJob({ name: 'in-process-test', path: '/api/queue/in-process-test', payload: z.object({ n: z.number() }) });

describe('in-process delivery', () => {
  const seen: Array<{ n: number; context: JobContext }> = [];
  let outcomes: Array<JobOutcome | Error> = [];
  const handler = withQueueJob(testJob, async (payload, context) => {
    seen.push({ n: payload.n, context });
    const next = outcomes.shift() ?? { status: 'done' };
    if (next instanceof Error) throw next;
    return next;
  });
  const fetch = vi.fn(async () => new Response('should not be called', { status: 500 }));

  beforeAll(() => {
    process.env.APP_URL = APP_URL; // what withQueueJob verifies the signature's URL against
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  function dispatcher(options: Partial<LocalDispatcherOptions> = {}) {
    seen.length = 0;
    fetch.mockClear();
    const logger = { warn: vi.fn() };
    const local = createLocalDispatcher({
      baseUrl: 'http://127.0.0.1:1', // nothing listens: any HTTP attempt would fail
      signedBaseUrl: APP_URL,
      maxAttempts: 3,
      fetch: fetch as unknown as typeof globalThis.fetch,
      inProcess: (path) => (path === testJob.path ? handler : undefined),
      backoff: () => 5,
      logger,
      ...options,
    });
    return { local, logger };
  }

  it('calls the registered handler with the verified payload and makes no HTTP request', async () => {
    const { local } = dispatcher();
    const { messageId } = local.enqueue({ path: testJob.path, body: JSON.stringify({ n: 1 }) });
    await local.drain();
    expect(fetch).not.toHaveBeenCalled();
    expect(seen).toEqual([{ n: 1, context: { messageId, retried: 0 } }]);
    expect(local.stats()).toMatchObject({ delivered: 1, retried: 0, dropped: 0 });
  });

  it('retries in-process after a 5xx answer, counting the retry in the headers', async () => {
    outcomes = [new Error('database down')];
    const { local } = dispatcher();
    local.enqueue({ path: testJob.path, body: JSON.stringify({ n: 2 }) });
    await local.drain();
    expect(seen.map((s) => s.context.retried)).toEqual([0, 1]);
    expect(local.stats()).toMatchObject({ delivered: 1, retried: 1 });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('still refuses a forged signature: the handler never runs and the message is dropped', async () => {
    const { local, logger } = dispatcher({ sign: ({ url, body }) => signQStashMessage({ url, body, key: 'sig_not_ours_0123456789abcdefghijkl' }) });
    local.enqueue({ path: testJob.path, body: JSON.stringify({ n: 3 }) });
    await local.drain();
    expect(seen).toEqual([]);
    expect(local.stats()).toMatchObject({ delivered: 0, dropped: 1 });
    expect(logger.warn).toHaveBeenLastCalledWith(expect.stringContaining('answered 401'));
  });

  it('frees the slot and retries when the handler does not answer within the timeout', async () => {
    const hanging = vi.fn(() => new Promise<Response>(() => {}));
    const { local } = dispatcher({ inProcess: () => hanging, timeoutMs: 20, maxAttempts: 2 });
    local.enqueue({ path: testJob.path, body: JSON.stringify({ n: 4 }) });
    await local.drain();
    expect(hanging).toHaveBeenCalledTimes(2);
    expect(local.stats()).toMatchObject({ delivered: 0, retried: 1, dropped: 1, inFlight: 0 });
  });

  it('sends paths without a registered handler over HTTP', async () => {
    const { local } = dispatcher();
    local.enqueue({ path: '/api/queue/elsewhere', body: '{}' });
    await local.drain();
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:1/api/queue/elsewhere', expect.objectContaining({ method: 'POST' }));
  });
});
