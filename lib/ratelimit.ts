import 'server-only';
import { Ratelimit } from '@upstash/ratelimit';
import { env } from './env';
import { getRedis } from './redis';

/** `reset` is when the current window ends, in epoch milliseconds. */
export type LimitResult = { success: boolean; limit: number; remaining: number; reset: number };
type Policy = { limit: number; windowMs: number };

/** Named policies: one place to read every limit the product enforces. */
const policies = {
  login: (): Policy => ({ limit: env().rateLimits.loginPerMinute, windowMs: 60_000 }),
  runs: (): Policy => ({ limit: env().rateLimits.runsPerMinute, windowMs: 60_000 }),
  signup: (): Policy => ({ limit: env().rateLimits.signupPerHour, windowMs: 3_600_000 }),
  // Instance-wide: each check is ~60 ms of scrypt and 32 MB, so spraying must not be able to buy unbounded CPU.
  passwordChecks: (): Policy => ({ limit: env().rateLimits.passwordChecksPerMinute, windowMs: 60_000 }),
  // Test connection makes the server call out: enough to fix a typo, too few to scan a network with.
  providerTests: (): Policy => ({ limit: 10, windowMs: 60_000 }),
  // Model pickers: a cache miss calls the endpoint's /v1/models (hits are free, for a minute).
  providerModels: (): Policy => ({ limit: 30, windowMs: 60_000 }),
  // Editor autosave is debounced to about one write a second; this only stops a runaway client.
  drafts: (): Policy => ({ limit: 120, windowMs: 60_000 }),
  // Each experiment may hold thousands of calls; its own budget and concurrency bound what it spends.
  experiments: (): Policy => ({ limit: 60, windowMs: 60_000 }),
} satisfies Record<string, () => Policy>;

export type PolicyName = keyof typeof policies;

/**
 * In-process sliding window, the same approximation @upstash/ratelimit uses: the previous fixed window's
 * count is weighted by how much of it still overlaps the sliding window.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, { start: number; current: number; previous: number }>();
  constructor(private readonly maxKeys = 50_000) {}

  limit(key: string, { limit, windowMs }: Policy, now = Date.now()): LimitResult {
    const start = Math.floor(now / windowMs) * windowMs;
    let w = this.windows.get(key);
    if (!w || w.start < start - windowMs) w = { start, current: 0, previous: 0 };
    else if (w.start < start) w = { start, current: 0, previous: w.current };
    const weight = 1 - (now - start) / windowMs;
    const used = Math.floor(w.previous * weight) + w.current;
    const success = used < limit;
    if (success) w.current += 1;
    this.windows.delete(key); // re-insert to keep Map order = recency
    this.windows.set(key, w);
    if (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
    return { success, limit, remaining: Math.max(0, limit - used - (success ? 1 : 0)), reset: start + windowMs };
  }
}

const limiter = new SlidingWindowLimiter();
const upstashLimiters = new Map<PolicyName, Ratelimit>();

/** The policy's Upstash limiter, built on first use; null when Upstash is not configured. */
function upstashLimiter(policy: PolicyName): Ratelimit | null {
  const redis = getRedis();
  if (!redis) return null;
  let built = upstashLimiters.get(policy);
  if (!built) {
    const { limit, windowMs } = policies[policy]();
    built = new Ratelimit({
      redis,
      limiter: Ratelimit.slidingWindow(limit, `${windowMs} ms`),
      prefix: `ratelimit:${policy}`,
      analytics: false,
    });
    upstashLimiters.set(policy, built);
  }
  return built;
}

/**
 * Counts one request against `policy` for `key`. With Upstash, a Redis failure or timeout is logged and the
 * request is judged by this instance's in-process window instead, so an outage neither blocks everyone nor
 * lifts the limit entirely.
 */
export async function rateLimit(policy: PolicyName, key: string): Promise<LimitResult> {
  const upstash = upstashLimiter(policy);
  if (upstash) {
    try {
      const result = await upstash.limit(key);
      // On timeout the library answers success with limit 0 rather than throwing.
      if (result.reason !== 'timeout') {
        return { success: result.success, limit: result.limit, remaining: result.remaining, reset: result.reset };
      }
      console.warn(`[ratelimit] ${policy}: Redis timed out, using the in-process window`);
    } catch (error) {
      console.warn(`[ratelimit] ${policy}: Redis failed, using the in-process window: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return limiter.limit(`${policy}:${key}`, policies[policy]());
}

/** Standard rate-limit response headers; `Retry-After` (seconds) only on a denied request. */
export function rateLimitHeaders(result: LimitResult, now = Date.now()): Record<string, string> {
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(result.limit),
    'X-RateLimit-Remaining': String(result.remaining),
    'X-RateLimit-Reset': String(Math.ceil(result.reset / 1000)),
  };
  if (!result.success) headers['Retry-After'] = String(Math.max(1, Math.ceil((result.reset - now) / 1000)));
  return headers;
}
