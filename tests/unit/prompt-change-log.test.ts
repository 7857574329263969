/** Cross-instance invalidation of single prompts (lib/delivery/prompt-change-log.ts) against an in-memory store. */
import { describe, expect, it, vi } from 'vitest';
import { createChangeLog, type ChangeLogStore } from '@/lib/delivery/prompt-change-log';

function sharedStore(max = 3): ChangeLogStore & { fail: boolean } {
  let counter = 0;
  let log: string[] = [];
  const state = {
    fail: false,
    counter: async () => {
      if (state.fail) throw new Error('redis down');
      return counter;
    },
    append: async (subject: string) => {
      log = [subject, ...log].slice(0, max);
      return ++counter;
    },
    snapshot: async () => ({ counter, subjects: [...log] }),
  };
  return state;
}

function instance(store: ChangeLogStore, clock: { t: number }) {
  const onChange = vi.fn();
  const logger = { warn: vi.fn() };
  return { onChange, logger, log: createChangeLog({ store, checkEveryMs: 2_000, onChange, label: 'test entries', now: () => clock.t, logger }) };
}

describe('createChangeLog', () => {
  it("names another instance's changed subjects at the next check, and not its own", async () => {
    const store = sharedStore();
    const clock = { t: 0 };
    const [a, b] = [instance(store, clock), instance(store, clock)];
    await Promise.all([a.log.check(), b.log.check()]);
    await a.log.publish('w:p1');
    await a.log.publish('w:p2');
    await Promise.all([a.log.check(), b.log.check()]);
    expect(b.onChange).not.toHaveBeenCalled(); // not yet: within the interval
    clock.t += 2_000;
    await Promise.all([a.log.check(), b.log.check()]);
    expect(b.onChange).toHaveBeenCalledWith(new Set(['w:p1', 'w:p2']));
    expect(a.onChange).not.toHaveBeenCalled();
  });

  it('asks to drop everything when more changed than the log keeps', async () => {
    const store = sharedStore(3);
    const clock = { t: 0 };
    const [a, b] = [instance(store, clock), instance(store, clock)];
    await b.log.check();
    for (const n of [1, 2, 3, 4]) await a.log.publish(`w:p${n}`);
    clock.t += 2_000;
    await b.log.check();
    expect(b.onChange).toHaveBeenCalledWith(null);
  });

  it('logs a failing Redis and carries on', async () => {
    const store = sharedStore();
    const clock = { t: 0 };
    const b = instance(store, clock);
    store.fail = true;
    await expect(b.log.check()).resolves.toBeUndefined();
    expect(b.logger.warn).toHaveBeenCalledWith(expect.stringContaining('test entries expire on their own'));
    expect(b.onChange).not.toHaveBeenCalled();
  });
});
