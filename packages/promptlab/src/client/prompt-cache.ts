import type { ResolvedPrompt } from './types.js';

export type CacheOptions = {
  /** How long a fetched prompt is served without asking the server. Default 60 s; 0 revalidates (If-None-Match) on every call. */
  ttlMs?: number;
  /** After the TTL, how long the stale copy is still answered at once while it revalidates in the background. Default 5 min. */
  staleWhileRevalidateMs?: number;
  /** Most prompts kept (least recently used go first). Default 1,000. */
  maxEntries?: number;
  /**
   * After the server failed to answer (network, timeout, 5xx, 429), how long to answer from the cache (or the
   * fallback) without asking again; doubles on each further failure up to 60 s. Default 1 s.
   */
  retryBackoffMs?: number;
};

/** `etag`: the ETag header as sent, for If-None-Match; `group`: the key without the split key (slug, label, version). */
export type CacheEntry = { prompt: ResolvedPrompt; etag: string | null; fetchedAt: number; group: string };

type Outage = { failures: number; retryAt: number };

export type Freshness = 'fresh' | 'stale' | 'expired';

export const DEFAULT_TTL_MS = 60_000;
export const DEFAULT_SWR_MS = 300_000;
export const DEFAULT_MAX_ENTRIES = 1_000;
export const DEFAULT_RETRY_BACKOFF_MS = 1_000;
const MAX_RETRY_BACKOFF_MS = 60_000;

/**
 * In-memory prompt cache: a Map in insertion order serves as the LRU. An entry never expires out of the map by
 * age, only by count: however old, it is the copy served when the server cannot be reached.
 */
export class PromptCache {
  readonly ttlMs: number;
  readonly swrMs: number;
  readonly maxEntries: number;
  readonly retryBackoffMs: number;
  private readonly entries = new Map<string, CacheEntry>();
  // Keys whose last request found the server unavailable; bounded like the entries.
  private readonly outages = new Map<string, Outage>();

  constructor(options: CacheOptions = {}) {
    this.ttlMs = Math.max(0, options.ttlMs ?? DEFAULT_TTL_MS);
    this.swrMs = Math.max(0, options.staleWhileRevalidateMs ?? DEFAULT_SWR_MS);
    this.maxEntries = Math.max(1, Math.floor(options.maxEntries ?? DEFAULT_MAX_ENTRIES));
    this.retryBackoffMs = Math.max(0, options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS);
  }

  get(key: string): CacheEntry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, group: string, prompt: ResolvedPrompt, etag: string | null, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { prompt: deepFreeze(prompt), etag, fetchedAt: now, group });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** The most recently used entry of the same slug, label and version under another split key (for outages). */
  sibling(group: string): CacheEntry | undefined {
    let found: CacheEntry | undefined;
    for (const entry of this.entries.values()) if (entry.group === group) found = entry;
    return found;
  }

  /** Records a failed request: no new one for this key until the backoff has passed. */
  failed(key: string, now: number): void {
    const failures = (this.outages.get(key)?.failures ?? 0) + 1;
    this.outages.delete(key);
    this.outages.set(key, { failures, retryAt: now + Math.min(MAX_RETRY_BACKOFF_MS, this.retryBackoffMs * 2 ** (failures - 1)) });
    if (this.outages.size > this.maxEntries) this.outages.delete(this.outages.keys().next().value as string);
  }

  recovered(key: string): void {
    this.outages.delete(key);
  }

  /** Whether the server failed this key lately: 'waiting' within the backoff, 'retry' once it has passed. */
  outage(key: string, now: number): 'waiting' | 'retry' | null {
    const outage = this.outages.get(key);
    if (!outage) return null;
    return now < outage.retryAt ? 'waiting' : 'retry';
  }

  freshness(entry: CacheEntry, now: number): Freshness {
    const age = now - entry.fetchedAt;
    if (age < this.ttlMs) return 'fresh';
    return age < this.ttlMs + this.swrMs ? 'stale' : 'expired';
  }

  /** Drops one slug's entries (every label, version and key), or everything. */
  clear(slug?: string): void {
    if (slug === undefined) {
      this.outages.clear();
      return this.entries.clear();
    }
    for (const [key, entry] of this.entries) if (entry.prompt.slug === slug || key.startsWith(`${encodeURIComponent(slug)}?`)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

// Callers get the cached objects themselves (no copy per call): frozen, so none can change another's copy.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
