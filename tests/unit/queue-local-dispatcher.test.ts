import { Receiver } from '@upstash/qstash';
import { describe, expect, it, vi } from 'vitest';
import { parseRetryAfter } from '@/lib/queue/backoff';
import { createLocalDispatcher, type LocalDispatcherOptions } from '@/lib/queue/local-dispatcher';
import { signQStashMessage } from '@/lib/queue/sign';

const key = 'sig_current_0123456789abcdefghijklmnopqrstuv';
const baseUrl = 'http://127.0.0.1:3999';
const path = '/api/queue/runs';
const body = JSON.stringify({ runId: '0b8f6f1e-3c2a-4d5b-9e6f-7a8b9c0d1e2f' });

type Call = { url: string; headers: Headers; body: string; init: RequestInit };

/** A fetch that answers from a script, one entry a call (the last one repeats), and records every call. */
function scriptedFetch(script: Array<Response | Error | (() => Response)>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body), init: init ?? {} });
    const step = script[Math.min(calls.length - 1, script.length - 1)]!;
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step() : step.clone();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function dispatcher(fetch: typeof globalThis.fetch, options: Partial<LocalDispatcherOptions> = {}) {
  const logger = { warn: vi.fn() };
  const backoff = vi.fn((_retried: number) => 1);
  const local = createLocalDispatcher({
    baseUrl,
    maxAttempts: 3,
    fetch,
    sign: ({ url, body: raw }) => signQStashMessage({ url, body: raw, key }),
    backoff,
    logger,
    ...options,
  });
  return { local, logger, backoff };
}

const status = (code: number, headers: Record<string, string> = {}) => new Response(code === 204 ? null : 'x', { status: code, headers });

describe('local dispatcher', () => {
  it('delivers once on a 2xx and stops', async () => {
    const { fetch, calls } = scriptedFetch([status(204)]);
    const { local } = dispatcher(fetch);
    const { messageId, deduplicated } = local.enqueue({ path, body });
    await local.drain();
    expect(deduplicated).toBe(false);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${baseUrl}${path}`);
    expect(calls[0]!.body).toBe(body);
    expect(calls[0]!.init).toMatchObject({ method: 'POST', redirect: 'manual' });
    expect(Object.fromEntries(calls[0]!.headers)).toMatchObject({
      'content-type': 'application/json',
      'upstash-message-id': messageId,
      'upstash-retried': '0',
    });
    expect(local.stats()).toEqual({ pending: 0, inFlight: 0, delivered: 1, retried: 0, dropped: 0, deduplicated: 0 });
  });

  it('signs each delivery so the official Receiver accepts it', async () => {
    const { fetch, calls } = scriptedFetch([status(500), status(200)]);
    const { local } = dispatcher(fetch);
    local.enqueue({ path, body });
    await local.drain();
    const receiver = new Receiver({ currentSigningKey: key, nextSigningKey: 'sig_unused_0123456789abcdefghijklmnopq', devMode: false });
    for (const call of calls) {
      await expect(receiver.verify({ signature: call.headers.get('upstash-signature')!, body: call.body, url: `${baseUrl}${path}` })).resolves.toBe(true);
    }
    expect(calls[0]!.headers.get('upstash-signature')).not.toBe(calls[1]!.headers.get('upstash-signature'));
  });

  it('retries 5xx and network errors with backoff, then succeeds once', async () => {
    const { fetch, calls } = scriptedFetch([status(500), new TypeError('fetch failed'), status(503), status(200)]);
    const { local, backoff } = dispatcher(fetch, { maxAttempts: 5 });
    local.enqueue({ path, body });
    await local.drain();
    expect(calls.map((c) => c.headers.get('upstash-retried'))).toEqual(['0', '1', '2', '3']);
    expect(new Set(calls.map((c) => c.headers.get('upstash-message-id'))).size).toBe(1);
    expect(backoff.mock.calls.map(([n]) => n)).toEqual([1, 2, 3]);
    expect(local.stats()).toMatchObject({ delivered: 1, retried: 3, dropped: 0 });
  });

  it('gives up after maxAttempts deliveries and says so', async () => {
    const { fetch, calls } = scriptedFetch([status(500)]);
    const { local, logger } = dispatcher(fetch, { maxAttempts: 3 });
    local.enqueue({ path, body });
    await local.drain();
    expect(calls).toHaveLength(3);
    expect(local.stats()).toMatchObject({ delivered: 0, retried: 2, dropped: 1, pending: 0 });
    expect(logger.warn).toHaveBeenLastCalledWith(expect.stringMatching(/giving up .* after 3 attempt\(s\).*answered 500.*recovery cron/));
  });

  it('does not retry an answer a retry cannot fix (4xx)', async () => {
    const { fetch, calls } = scriptedFetch([status(401)]);
    const { local, logger } = dispatcher(fetch);
    local.enqueue({ path, body });
    await local.drain();
    expect(calls).toHaveLength(1);
    expect(local.stats()).toMatchObject({ dropped: 1, retried: 0 });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('not retryable'));
  });

  it('retries 429 and honours Retry-After instead of its own backoff', async () => {
    const { fetch, calls } = scriptedFetch([status(429, { 'Retry-After': '0' }), status(503, { 'Retry-After': '0' }), status(200)]);
    // Were Retry-After ignored, the 60 s backoff would outlast the test.
    const { local, backoff } = dispatcher(fetch, { backoff: vi.fn(() => 60_000), maxAttempts: 3 });
    local.enqueue({ path, body });
    await local.drain();
    expect(calls).toHaveLength(3);
    expect(backoff).not.toHaveBeenCalled();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 31 Dec 2029 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('delivers the same deduplicationId once within 10 minutes', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    const { fetch, calls } = scriptedFetch([status(200)]);
    const { local } = dispatcher(fetch, { now: () => clock });
    const first = local.enqueue({ path, body, deduplicationId: 'run-1' });
    const again = local.enqueue({ path, body, deduplicationId: 'run-1' });
    local.enqueue({ path, body, deduplicationId: 'run-2' });
    await local.drain();
    expect(again).toEqual({ messageId: first.messageId, deduplicated: true });
    expect(calls).toHaveLength(2);

    clock += 9 * 60_000;
    expect(local.enqueue({ path, body, deduplicationId: 'run-1' }).deduplicated).toBe(true);
    clock += 2 * 60_000;
    expect(local.enqueue({ path, body, deduplicationId: 'run-1' }).deduplicated).toBe(false);
    await local.drain();
    expect(calls).toHaveLength(3);
    expect(local.stats()).toMatchObject({ delivered: 3, deduplicated: 2 });
  });

  it('keeps at most `concurrency` deliveries in flight', async () => {
    let active = 0;
    let peak = 0;
    const fetch = (async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
      return status(200);
    }) as unknown as typeof globalThis.fetch;
    const { local } = dispatcher(fetch, { concurrency: 3 });
    for (let i = 0; i < 10; i += 1) local.enqueue({ path, body });
    expect(local.stats()).toMatchObject({ inFlight: 3, pending: 7 });
    await local.drain();
    expect(peak).toBe(3);
    expect(local.stats()).toMatchObject({ delivered: 10, inFlight: 0, pending: 0 });
  });

  it('waits for delaySeconds before the first delivery', async () => {
    const { fetch, calls } = scriptedFetch([status(200)]);
    const { local } = dispatcher(fetch);
    local.enqueue({ path, body, delaySeconds: 0.02 });
    expect(local.stats()).toMatchObject({ pending: 1, inFlight: 0 });
    expect(calls).toHaveLength(0);
    await local.drain();
    expect(calls).toHaveLength(1);
  });

  it('never throws into the caller, whatever breaks', async () => {
    const { local, logger } = dispatcher(scriptedFetch([status(200)]).fetch, {
      sign: () => {
        throw new Error('no key');
      },
      now: () => {
        throw new Error('clock broke');
      },
    });
    expect(() => local.enqueue({ path, body })).not.toThrow();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('clock broke'));

    const signing = dispatcher(scriptedFetch([status(200)]).fetch, {
      sign: () => {
        throw new Error('no key');
      },
    });
    signing.local.enqueue({ path, body });
    await signing.local.drain();
    expect(signing.local.stats()).toMatchObject({ delivered: 0, dropped: 1 });
    expect(signing.logger.warn).toHaveBeenLastCalledWith(expect.stringContaining('no key'));
  });

  it('drops and logs beyond maxPending rather than growing without bound', async () => {
    const { fetch, calls } = scriptedFetch([status(200)]);
    const { local, logger } = dispatcher(fetch, { concurrency: 1, maxPending: 1 });
    local.enqueue({ path, body }); // in flight
    local.enqueue({ path, body }); // pending
    local.enqueue({ path, body }); // over the limit
    await local.drain();
    expect(calls).toHaveLength(2);
    expect(local.stats()).toMatchObject({ delivered: 2, dropped: 1 });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('queue full'));
  });
});
