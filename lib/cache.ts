import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { env } from './env';
import { OUTPUT_LIMIT_FINISH_REASON } from './llm/stream-output';
import { usageSchema } from './llm/usage';
import { getRedis } from './redis';

/**
 * The run-result cache: a run with exactly the same inputs as an earlier one answers from here instead of calling
 * the provider. Upstash Redis when configured, else a bounded in-process LRU. Fails open: a Redis error is logged
 * and the run goes on uncached.
 */
const KEY_PREFIX = 'cache:run:v1:';
const MEMORY_MAX_ENTRIES = 1000;

const cachedRunResultSchema = z.object({
  /** The run that produced this output (a cached run records it as its source). */
  runId: z.string(),
  output: z.string(),
  usage: usageSchema,
  finishReason: z.string().nullable(),
  /** Absent in entries written before tools and response schemas existed. */
  toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.string() })).nullable().optional(),
  outputCheck: z.object({ valid: z.boolean(), errors: z.array(z.string()) }).nullable().optional(),
  createdAt: z.string(),
});

export type CachedRunResult = z.infer<typeof cachedRunResultSchema>;

/** The columns a run answered from the cache copies from the entry (spread into insertRun). */
export function cachedRunColumns(hit: CachedRunResult) {
  return {
    output: hit.output,
    outputTruncated: hit.finishReason === OUTPUT_LIMIT_FINISH_REASON,
    usage: hit.usage,
    toolCalls: hit.toolCalls ?? null,
    outputCheck: hit.outputCheck ?? null,
  };
}

export type RunCacheKeyParts = {
  /** Every run's: a draft has no version to tell workspaces apart, and a provider label means each its own endpoint. */
  workspaceId: string;
  /** Null for a draft run (even once saved as a version): its messages and params are the whole of what it ran. */
  versionId: string | null;
  /** The rendered messages: the version's content after variables were applied. */
  messages: { role: string; content: string }[];
  provider: string;
  model: string;
  params: Record<string, unknown>;
  variables: Record<string, unknown>;
};

/** Hex SHA-256 of the run's inputs as canonical JSON: object keys sorted at every depth, so key order never matters. */
export function runCacheKey(parts: RunCacheKeyParts): string {
  return createHash('sha256').update(JSON.stringify(canonical(parts))).digest('hex');
}

/** Sorts object keys recursively and drops undefined members, so equal values serialize identically. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : canonical(item)));
  if (value === null || typeof value !== 'object') return value;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return canonical(withJson.toJSON());
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = canonical(member);
  }
  return sorted;
}

export async function getCachedRun(hash: string): Promise<CachedRunResult | null> {
  if (ttlSeconds() === 0) return null;
  const key = KEY_PREFIX + hash;
  const redis = getRedis();
  let raw: unknown;
  if (redis) {
    try {
      raw = await redis.get(key); // the client parses the JSON it stored
    } catch (error) {
      console.warn(`[cache] read of ${key} failed, treating it as a miss: ${messageOf(error)}`);
      return null;
    }
  } else {
    const text = memory.get(key);
    raw = text === undefined ? null : JSON.parse(text);
  }
  if (raw === null || raw === undefined) return null;
  const parsed = cachedRunResultSchema.safeParse(raw);
  if (!parsed.success) {
    console.warn(`[cache] ignoring a malformed entry at ${key}`);
    return null;
  }
  return parsed.data;
}

export async function setCachedRun(hash: string, value: CachedRunResult): Promise<void> {
  const ttl = ttlSeconds();
  if (ttl === 0) return;
  const key = KEY_PREFIX + hash;
  const payload = cachedRunResultSchema.parse(value);
  const redis = getRedis();
  if (!redis) {
    memory.set(key, JSON.stringify(payload), ttl * 1000);
    return;
  }
  try {
    await redis.set(key, payload, { ex: ttl });
  } catch (error) {
    console.warn(`[cache] write of ${key} failed, skipping it: ${messageOf(error)}`);
  }
}

/** RUN_CACHE_TTL_SECONDS; 0 turns the cache off. */
function ttlSeconds(): number {
  return env().runs.cacheTtlSeconds;
}

/** Least-recently-used map with a per-entry expiry; Map order is recency (oldest first). */
class MemoryTtlCache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  constructor(private readonly maxEntries: number) {}

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= Date.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: string, ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

const memory = new MemoryTtlCache(MEMORY_MAX_ENTRIES);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
