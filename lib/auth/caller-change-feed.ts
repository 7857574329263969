import 'server-only';

/** The two Redis commands the feed needs (the Upstash client has both). */
export type CounterStore = { incr(key: string): Promise<number>; get(key: string): Promise<unknown> };

export type ChangeFeed = {
  /** Tells the other instances; never throws, never waits. */
  publish(): void;
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
  checkEveryMs: number;
  onChange: () => void;
  now?: () => number;
  logger?: Pick<Console, 'warn'>;
}): ChangeFeed {
  const { store, key, checkEveryMs, onChange, now = () => Date.now(), logger = console } = options;
  let seen: number | undefined;
  let checkedAt = -Infinity;
  let reading: Promise<void> | undefined;

  const read = async () => {
    try {
      const value = Number((await store.get(key)) ?? 0);
      if (seen !== undefined && value !== seen) onChange();
      seen = value;
    } catch (error) {
      logger.warn(`[cache] reading ${key} failed; the cached entries expire on their own: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return {
    publish() {
      store.incr(key).then(
        // Only our own increment since the last read: nothing for this instance to drop.
        (value) => {
          if (seen !== undefined && value === seen + 1) seen = value;
        },
        (error: unknown) => logger.warn(`[cache] publishing to ${key} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    },
    check() {
      if (reading) return reading;
      if (now() - checkedAt < checkEveryMs) return Promise.resolve();
      checkedAt = now();
      reading = read().finally(() => (reading = undefined));
      return reading;
    },
  };
}
