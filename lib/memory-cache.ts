import 'server-only';

/**
 * A bounded in-process LRU with a per-entry expiry. Each cache is kept on globalThis under its name: Next.js
 * compiles routes, pages and instrumentation into separate module graphs, and an invalidation made in one must
 * reach the copy the others read.
 */
export type MemoryCache<V> = {
  get(key: string): V | undefined;
  /**
   * Take one before reading what you mean to store: `set` with a ticket older than the last invalidation does
   * nothing, so a read that raced a revocation is never kept.
   */
  ticket(): number;
  set(key: string, value: V, ticket: number): void;
  /** Drops every entry the predicate matches. */
  forget(matches: (value: V, key: string) => boolean): void;
  clear(): void;
  readonly size: number;
};

type Entry<V> = { value: V; expiresAt: number };

export function createMemoryCache<V>({ maxEntries, ttlMs, now = () => Date.now() }: { maxEntries: number; ttlMs: number; now?: () => number }): MemoryCache<V> {
  // Map order is recency, oldest first.
  const entries = new Map<string, Entry<V>>();
  let generation = 0;
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    ticket: () => generation,
    set(key, value, ticket) {
      if (ticket !== generation) return;
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + ttlMs });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    forget(matches) {
      generation += 1;
      for (const [key, entry] of entries) if (matches(entry.value, key)) entries.delete(key);
    },
    clear() {
      generation += 1;
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}

const globalForCaches = globalThis as typeof globalThis & { promptlabMemoryCaches?: Map<string, MemoryCache<unknown>> };

/** The process-wide cache of this name, created on first use. */
export function sharedMemoryCache<V>(name: string, options: { maxEntries: number; ttlMs: number }): MemoryCache<V> {
  const caches = (globalForCaches.promptlabMemoryCaches ??= new Map());
  let cache = caches.get(name);
  if (!cache) {
    cache = createMemoryCache<unknown>(options);
    caches.set(name, cache);
  }
  return cache as MemoryCache<V>;
}
