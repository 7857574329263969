import { describe, expect, it, vi } from 'vitest';
import { createLocalDispatcher, type LocalDispatcherOptions } from '@/lib/queue/local-dispatcher';
import { signQStashMessage } from '@/lib/queue/sign';

const key = 'sig_current_0123456789abcdefghijklmnopqrstuv';
const path = '/api/queue/runs';

/** A fetch whose calls stay open until released, recording which message each call carried. */
function gatedFetch() {
  const started: string[] = [];
  const open: { body: string; release: () => void }[] = [];
  const fetch = vi.fn(async (_input: string | URL | Request, init?: RequestInit) => {
    const body = String(init?.body);
    started.push(body);
    await new Promise<void>((release) => open.push({ body, release }));
    return new Response(null, { status: 204 });
  });
  const releaseOne = () => open.shift()?.release();
  const inFlight = (prefix: string) => open.filter((call) => call.body.startsWith(prefix)).length;
  return { fetch: fetch as unknown as typeof globalThis.fetch, started, open, releaseOne, inFlight };
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

const laned = (experiment: string, n: number, concurrency: number) => ({ path, body: `${experiment}-${n}`, lane: { key: experiment, concurrency } });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('local dispatcher lanes (experiments)', () => {
  it('holds a lane to its own concurrency, above the per-workspace and global caps, without taking their slots', async () => {
    const gate = gatedFetch();
    const local = dispatcher(gate.fetch, { concurrency: 2, concurrencyPerKey: 1, laneConcurrency: 100 });
    local.enqueueMany(Array.from({ length: 20 }, (_, i) => laned('e1', i, 5)));
    local.enqueue({ path, body: 'run-a', fairnessKey: 'w' });
    local.enqueue({ path, body: 'run-b', fairnessKey: 'other' });
    await tick();
    // Five of the experiment (its ceiling, though the global cap is 2), and both ordinary runs beside them.
    expect(gate.started.filter((body) => body.startsWith('e1-'))).toHaveLength(5);
    expect(gate.started).toEqual(expect.arrayContaining(['run-a', 'run-b']));
    expect(local.stats()).toMatchObject({ inFlight: 7, pending: 15 });

    // As calls finish, the lane refills up to its ceiling and never past it.
    let peak = 0;
    while (gate.open.length > 0) {
      gate.releaseOne();
      await tick();
      await tick();
      peak = Math.max(peak, gate.inFlight('e1-'));
    }
    expect(peak).toBe(5);
    await local.drain();
    expect(local.stats()).toMatchObject({ delivered: 22, pending: 0, inFlight: 0 });
  });

  it('lets two experiments take turns within the lane pool, each under its own ceiling', async () => {
    const gate = gatedFetch();
    const local = dispatcher(gate.fetch, { laneConcurrency: 3 });
    local.enqueueMany([...Array.from({ length: 6 }, (_, i) => laned('a', i, 10)), ...Array.from({ length: 6 }, (_, i) => laned('b', i, 1))]);
    await tick();
    // The pool holds 3: b is at its ceiling of 1, a takes the other two.
    expect(gate.started.sort()).toEqual(['a-0', 'a-1', 'b-0']);
    while (gate.open.length > 0) {
      gate.releaseOne();
      await tick();
      await tick();
      expect(gate.inFlight('b-')).toBeLessThanOrEqual(1);
      expect(gate.open.length).toBeLessThanOrEqual(3);
    }
    await local.drain();
    expect(local.stats()).toMatchObject({ delivered: 12 });
  });
});
