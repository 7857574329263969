import 'server-only';
import { after } from 'next/server';

/** The two Redis commands the feed needs (the Upstash client has both). */
export type CounterStore = { incr(key: string): Promise<number>; get(key: string): Promise<unknown> };

export type ChangeFeed = {
  /**
   * Tells the other instances; never throws or rejects. The request need not await it: in a request the increment
   * is handed to `after()`, so a serverless instance frozen once the response is sent still makes it.
   */
  publish(): Promise<void>;
  /** Reads the counter when the last read is older than `checkEveryMs`, and calls onChange if another instance moved it. */
  check(): Promise<void>;
};

/**
 * Cross-instance invalidation through one Redis counter: a change increments it, and each instance reads it at most
 * every `checkEveryMs` (awaited by the request that finds the last read too old) and drops its cached entries when
 * someone else moved it. Redis errors are logged and ignored: the entries' own TTL still bounds a missed change.
 */
export function createChangeFeed(options: {
  store: CounterStore;
  key: string;
  /** What the cached entries are, for the warnings ("cached callers"). */
  label?: string;
  checkEveryMs: number;
  onChange: () => void;
  now?: () => number;
  logger?: Pick<Console, 'warn'>;
}): ChangeFeed {
  const { store, key, label = 'cached entries', checkEveryMs, onChange, now = () => Date.now(), logger = console } = options;
  let seen: number | undefined;

  const read = async () => {
    try {
      const value = Number((await store.get(key)) ?? 0);
      if (seen !== undefined && value !== seen) onChange();
      seen = value;
    } catch (error) {
      logger.warn(`[cache] reading ${key} failed; ${label} expire on their own: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return {
    publish() {
      const published = store.incr(key).then(
        // Only our own increment since the last read: nothing for this instance to drop.
        (value) => {
          if (seen !== undefined && value === seen + 1) seen = value;
        },
        (error: unknown) => logger.warn(`[cache] publishing to ${key} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      untilDone(published);
      return published;
    },
    check: throttledCheck(read, checkEveryMs, now),
  };
}

/** `read` at most every `everyMs`; callers arriving while a read runs share it, later ones within the window skip it. */
export function throttledCheck(read: () => Promise<void>, everyMs: number, now: () => number): () => Promise<void> {
  let checkedAt = -Infinity;
  let reading: Promise<void> | undefined;
  return () => {
    if (reading) return reading;
    if (now() - checkedAt < everyMs) return Promise.resolve();
    checkedAt = now();
    reading = read().finally(() => (reading = undefined));
    return reading;
  };
}

/** Lets the instance finish `task` after the response (Vercel's waitUntil); outside a request it simply runs on. */
export function untilDone(task: Promise<unknown>): void {
  try {
    after(task);
  } catch {
    // No request scope (scripts, tests, the local dispatcher): nothing freezes this process meanwhile.
  }
}
