import 'server-only';
import type { Redis } from '@upstash/redis';
import { throttledCheck, untilDone } from '@/lib/change-feed';

/** What the log needs from Redis: atomic appends and snapshots (MULTI), and a plain read of the counter. */
export type ChangeLogStore = {
  counter(): Promise<number>;
  /** Appends the subject to the log (kept to its newest `max`) and increments the counter, atomically; the new counter. */
  append(subject: string): Promise<number>;
  /** The counter and the log's subjects, newest first, read atomically. */
  snapshot(): Promise<{ counter: number; subjects: string[] }>;
};

export function upstashChangeLog(redis: Redis, { counterKey, logKey, max }: { counterKey: string; logKey: string; max: number }): ChangeLogStore {
  return {
    counter: async () => Number((await redis.get(counterKey)) ?? 0),
    async append(subject) {
      const [, , counter] = await redis.multi().lpush(logKey, subject).ltrim(logKey, 0, max - 1).incr(counterKey).exec<[number, string, number]>();
      return counter;
    },
    async snapshot() {
      const [counter, subjects] = await redis.multi().get(counterKey).lrange(logKey, 0, max - 1).exec<[unknown, unknown[]]>();
      return { counter: Number(counter ?? 0), subjects: subjects.map(String) };
    },
  };
}

export type ChangeLog = {
  /** Tells the other instances that `subject` changed; never rejects (handed to after() inside a request). */
  publish(subject: string): Promise<void>;
  /** At most every `checkEveryMs`: when another instance published, calls onChange with the subjects, or null for "all". */
  check(): Promise<void>;
};

/**
 * Cross-instance invalidation of single entries: a change appends its subject to a short Redis list and bumps a
 * counter. Each instance reads the counter at most every `checkEveryMs` (one GET); when it moved by n, it reads the
 * newest subjects and forgets those n, or everything when more changed than the list keeps. Redis errors are
 * logged: the entries' own TTL still bounds a missed change.
 */
export function createChangeLog(options: {
  store: ChangeLogStore;
  checkEveryMs: number;
  onChange: (subjects: Set<string> | null) => void;
  label: string;
  now?: () => number;
  logger?: Pick<Console, 'warn'>;
}): ChangeLog {
  const { store, checkEveryMs, onChange, label, now = () => Date.now(), logger = console } = options;
  let seen: number | undefined;
  const warn = (what: string, error: unknown) => logger.warn(`[cache] ${what} failed; ${label} expire on their own: ${error instanceof Error ? error.message : String(error)}`);

  const read = async () => {
    try {
      const counter = await store.counter();
      if (seen === undefined || counter === seen) {
        seen = counter;
        return;
      }
      const snapshot = await store.snapshot();
      const moved = snapshot.counter - seen;
      onChange(moved > 0 && moved <= snapshot.subjects.length ? new Set(snapshot.subjects.slice(0, moved)) : null);
      seen = snapshot.counter;
    } catch (error) {
      warn('reading the change log', error);
    }
  };

  return {
    publish(subject) {
      const published = store.append(subject).then(
        // Only our own change since the last read: nothing for this instance to drop.
        (counter) => {
          if (seen !== undefined && counter === seen + 1) seen = counter;
        },
        (error: unknown) => warn('publishing a change', error),
      );
      untilDone(published);
      return published;
    },
    check: throttledCheck(read, checkEveryMs, now),
  };
}
