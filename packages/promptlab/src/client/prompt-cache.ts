import type { ResolvedPrompt } from './types.js';

export type CacheOptions = {
  /** How long a fetched prompt is served without asking the server. Default 60 s; 0 revalidates (If-None-Match) on every call. */
  ttlMs?: number;
  /** After the TTL, how long the stale copy is still answered at once while it revalidates in the background. Default 5 min. */
  staleWhileRevalidateMs?: number;
  /** Most prompts kept (least recently used go first). Default 1,000. */
  maxEntries?: number;
};

/** `etag`: the ETag header as the server sent it, sent back in If-None-Match. */
export type CacheEntry = { prompt: ResolvedPrompt; etag: string | null; fetchedAt: number };

export type Freshness = 'fresh' | 'stale' | 'expired';

export const DEFAULT_TTL_MS = 60_000;
export const DEFAULT_SWR_MS = 300_000;
export const DEFAULT_MAX_ENTRIES = 1_000;

/**
 * In-memory prompt cache: a Map in insertion order serves as the LRU. An entry never expires out of the map by
 * age, only by count: however old, it is the copy served when the server cannot be reached.
 */
export class PromptCache {
  readonly ttlMs: number;
  readonly swrMs: number;
  readonly maxEntries: number;
  private readonly entries = new Map<string, CacheEntry>();

  constructor(options: CacheOptions = {}) {
    this.ttlMs = Math.max(0, options.ttlMs ?? DEFAULT_TTL_MS);
    this.swrMs = Math.max(0, options.staleWhileRevalidateMs ?? DEFAULT_SWR_MS);
    this.maxEntries = Math.max(1, Math.floor(options.maxEntries ?? DEFAULT_MAX_ENTRIES));
  }

  get(key: string): CacheEntry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, prompt: ResolvedPrompt, etag: string | null, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { prompt, etag, fetchedAt: now });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  freshness(entry: CacheEntry, now: number): Freshness {
    const age = now - entry.fetchedAt;
    if (age < this.ttlMs) return 'fresh';
    return age < this.ttlMs + this.swrMs ? 'stale' : 'expired';
  }

  /** Drops one slug's entries (every label, version and key), or everything. */
  clear(slug?: string): void {
    if (slug === undefined) return this.entries.clear();
    for (const [key, entry] of this.entries) if (entry.prompt.slug === slug || key.startsWith(`${encodeURIComponent(slug)}?`)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
