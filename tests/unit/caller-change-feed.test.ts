/** Cross-instance invalidation of cached callers through one Redis counter (lib/change-feed.ts). */
import { describe, expect, it, vi } from 'vitest';
import { createChangeFeed, type CounterStore } from '@/lib/change-feed';

/** One Redis counter shared by every "instance" of a test. */
function counterStore() {
  const values = new Map<string, number>();
  const store: CounterStore & { failing: boolean; reads: number } = {
    failing: false,
    reads: 0,
    async incr(key) {
      if (store.failing) throw new Error('redis down');
      const next = (values.get(key) ?? 0) + 1;
      values.set(key, next);
      return next;
    },
    async get(key) {
      store.reads += 1;
      if (store.failing) throw new Error('redis down');
      return values.get(key) ?? null;
    },
  };
  return store;
}

function instance(store: CounterStore, clock: { t: number }) {
  const onChange = vi.fn();
  const feed = createChangeFeed({ store, key: 'auth:test', checkEveryMs: 5_000, onChange, now: () => clock.t, logger: { warn: vi.fn() } });
  return { feed, onChange };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('caller change feed', () => {
  it("drops another instance's cached callers at its next check after a change", async () => {
    const store = counterStore();
    const clock = { t: 0 };
    const a = instance(store, clock);
    const b = instance(store, clock);
    await Promise.all([a.feed.check(), b.feed.check()]);

    a.feed.publish(); // a revoked a key
    await settle();
    clock.t += 5_000;
    await Promise.all([a.feed.check(), b.feed.check()]);
    expect(b.onChange).toHaveBeenCalledTimes(1);
    expect(a.onChange).not.toHaveBeenCalled(); // its own change: it already dropped what it had to
  });

  it('reads the counter at most once per interval, however many requests check', async () => {
    const store = counterStore();
    const clock = { t: 0 };
    const { feed } = instance(store, clock);
    await Promise.all([feed.check(), feed.check(), feed.check()]);
    clock.t += 4_999;
    await feed.check();
    expect(store.reads).toBe(1);
    clock.t += 1;
    await feed.check();
    expect(store.reads).toBe(2);
  });

  it('keeps serving when Redis fails (the TTL still bounds a missed change)', async () => {
    const store = counterStore();
    const clock = { t: 0 };
    const { feed, onChange } = instance(store, clock);
    store.failing = true;
    feed.publish();
    await expect(feed.check()).resolves.toBeUndefined();
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });
});
