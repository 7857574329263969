import { describe, expect, it } from 'vitest';
import { createMemoryCache, sharedMemoryCache } from '@/lib/memory-cache';

function clockedCache(options: { maxEntries?: number; ttlMs?: number } = {}) {
  let t = 1_000;
  const cache = createMemoryCache<string>({ maxEntries: options.maxEntries ?? 10, ttlMs: options.ttlMs ?? 100, now: () => t });
  return { cache, advance: (ms: number) => (t += ms) };
}

describe('memory cache', () => {
  it('forgets an entry when its time is up', () => {
    const { cache, advance } = clockedCache({ ttlMs: 100 });
    cache.set('a', 'A', cache.ticket());
    advance(99);
    expect(cache.get('a')).toBe('A');
    advance(1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const { cache } = clockedCache({ maxEntries: 2 });
    cache.set('a', 'A', cache.ticket());
    cache.set('b', 'B', cache.ticket());
    cache.get('a');
    cache.set('c', 'C', cache.ticket());
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    expect(cache.size).toBe(2);
  });

  it('does not keep a value read before an invalidation (a lookup that raced a revocation)', () => {
    const { cache } = clockedCache();
    const ticket = cache.ticket(); // the lookup starts…
    cache.forget(() => true); // …a revocation lands…
    cache.set('key', 'stale caller', ticket); // …and the lookup's answer comes back
    expect(cache.get('key')).toBeUndefined();
    cache.set('key', 'fresh caller', cache.ticket());
    expect(cache.get('key')).toBe('fresh caller');
  });

  it('forgets only what the predicate matches', () => {
    const { cache } = clockedCache();
    cache.set('a', 'workspace-1', cache.ticket());
    cache.set('b', 'workspace-2', cache.ticket());
    cache.forget((value) => value === 'workspace-1');
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, 'workspace-2']);
  });

  it('shares one cache per name across module copies (kept on globalThis)', () => {
    const first = sharedMemoryCache<string>('test:shared', { maxEntries: 5, ttlMs: 60_000 });
    first.set('k', 'v', first.ticket());
    expect(sharedMemoryCache<string>('test:shared', { maxEntries: 5, ttlMs: 60_000 }).get('k')).toBe('v');
  });
});
