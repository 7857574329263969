import { Receiver } from '@upstash/qstash';
import { describe, expect, it, vi } from 'vitest';
import { createLocalDispatcher, type LocalDispatcherOptions } from '@/lib/queue/local-dispatcher';
import { signQStashMessage } from '@/lib/queue/sign';

const key = 'sig_current_0123456789abcdefghijklmnopqrstuv';
const path = '/api/queue/runs';

/** A fetch whose calls stay open until released, recording which message each call carried. */
function gatedFetch() {
  const started: string[] = [];
  const open: Array<() => void> = [];
  const fetch = vi.fn(async (_input: string | URL | Request, init?: RequestInit) => {
    started.push(String(init?.body));
    await new Promise<void>((resolve) => open.push(resolve));
    return new Response(null, { status: 204 });
  });
  const releaseAll = () => open.splice(0).forEach((resolve) => resolve());
  return { fetch: fetch as unknown as typeof globalThis.fetch, started, open, releaseAll };
}

function dispatcher(fetch: typeof globalThis.fetch, options: Partial<LocalDispatcherOptions> = {}) {
  return createLocalDispatcher({
    baseUrl: 'http://127.0.0.1:3999',
    maxAttempts: 3,
    fetch,
    sign: ({ url, body }) => signQStashMessage({ url, body, key }),
    backoff: () => 1,
    logger: { warn: vi.fn() },
    ...options,
  });
}

const message = (tenant: string, n: number) => ({ path, body: `${tenant}-${n}`, fairnessKey: tenant });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('local dispatcher fairness', () => {
  it('keeps slots for other workspaces when one floods the queue', async () => {
    const gate = gatedFetch();
    const local = dispatcher(gate.fetch, { concurrency: 4, concurrencyPerKey: 2 });
    for (let i = 0; i < 10; i++) local.enqueue(message('a', i));
    local.enqueue(message('b', 0));
    local.enqueue(message('b', 1));
    await tick();
    // a holds its two slots, b gets the other two at once, though it came last.
    expect(gate.started.sort()).toEqual(['a-0', 'a-1', 'b-0', 'b-1']);
    expect(local.stats()).toMatchObject({ inFlight: 4, pending: 8 });
    while (gate.open.length > 0) {
      gate.releaseAll();
      await tick();
      await tick();
    }
    await local.drain();
    expect(local.stats()).toMatchObject({ delivered: 12, pending: 0, inFlight: 0 });
  });

  it('serves waiting workspaces round-robin', async () => {
    const order: string[] = [];
    const fetch = (async (_input: unknown, init?: RequestInit) => {
      order.push(String(init?.body));
      return new Response(null, { status: 204 });
    }) as unknown as typeof globalThis.fetch;
    const local = dispatcher(fetch, { concurrency: 1, concurrencyPerKey: 1 });
    for (const m of [message('a', 1), message('a', 2), message('a', 3), message('b', 1), message('c', 1)]) local.enqueue(m);
    await local.drain();
    expect(order).toEqual(['a-1', 'b-1', 'c-1', 'a-2', 'a-3']);
  });

  it('still keeps at most `concurrency` in flight in all', async () => {
    let active = 0;
    let peak = 0;
    const fetch = (async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
      return new Response(null, { status: 204 });
    }) as unknown as typeof globalThis.fetch;
    const local = dispatcher(fetch, { concurrency: 3, concurrencyPerKey: 2 });
    for (let i = 0; i < 5; i++) local.enqueue(message('a', i));
    for (let i = 0; i < 5; i++) local.enqueue(message('b', i));
    local.enqueue({ path, body: 'keyless' });
    await local.drain();
    expect(peak).toBe(3);
    expect(local.stats().delivered).toBe(11);
  });
});

describe('local dispatcher holds', () => {
  it('reports a message as held while pending, in flight or waiting to retry, and not after', async () => {
    const answers = [500, 204];
    const gate = { open: [] as Array<() => void> };
    const fetch = (async () => {
      await new Promise<void>((resolve) => gate.open.push(resolve));
      return new Response(null, { status: answers.shift() ?? 204 });
    }) as unknown as typeof globalThis.fetch;
    const local = dispatcher(fetch, { concurrency: 1, backoff: () => 20 });
    local.enqueue({ path, body: 'first' });
    local.enqueue({ path, body: 'second' });
    expect([local.holds(path, 'first'), local.holds(path, 'second'), local.holds(path, 'other')]).toEqual([true, true, false]);
    expect(local.holds('/api/queue/other', 'first')).toBe(false);
    await tick();
    gate.open.shift()!(); // first answers 500: waits to retry
    await tick();
    await tick();
    expect(local.holds(path, 'first')).toBe(true);
    while (local.stats().pending + local.stats().inFlight > 0) {
      gate.open.splice(0).forEach((resolve) => resolve());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await local.drain();
    expect([local.holds(path, 'first'), local.holds(path, 'second')]).toEqual([false, false]);
  });

  it('stops holding a message it gave up on', async () => {
    const fetch = (async () => new Response(null, { status: 401 })) as unknown as typeof globalThis.fetch;
    const local = dispatcher(fetch);
    local.enqueue({ path, body: 'refused' });
    await local.drain();
    expect(local.holds(path, 'refused')).toBe(false);
  });
});

describe('local dispatcher addresses', () => {
  it('delivers to this server but signs for the public URL the callback verifies', async () => {
    const calls: Array<{ url: string; signature: string; body: string }> = [];
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(input), signature: new Headers(init?.headers).get('upstash-signature')!, body: String(init?.body) });
      return new Response(null, { status: 204 });
    }) as unknown as typeof globalThis.fetch;
    const local = dispatcher(fetch, { baseUrl: 'http://127.0.0.1:3999/', signedBaseUrl: 'https://promptlab.example.com/' });
    local.enqueue({ path, body: '{"runId":"x"}' });
    await local.drain();
    expect(calls.map((c) => c.url)).toEqual(['http://127.0.0.1:3999/api/queue/runs']);
    const receiver = new Receiver({ currentSigningKey: key, nextSigningKey: 'sig_unused_0123456789abcdefghijklmnopq', devMode: false });
    const [call] = calls;
    await expect(receiver.verify({ signature: call!.signature, body: call!.body, url: 'https://promptlab.example.com/api/queue/runs' })).resolves.toBe(true);
    await expect(receiver.verify({ signature: call!.signature, body: call!.body, url: 'http://127.0.0.1:3999/api/queue/runs' })).rejects.toThrow();
  });
});
