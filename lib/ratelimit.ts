import { env } from './env';

export type LimitResult = { success: boolean; limit: number; remaining: number; reset: number };
type Policy = { limit: number; windowMs: number };

/** Named policies: one place to read every limit the product enforces. */
const policies = {
  login: (): Policy => ({ limit: env().rateLimits.loginPerMinute, windowMs: 60_000 }),
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

export async function rateLimit(policy: PolicyName, key: string): Promise<LimitResult> {
  return limiter.limit(`${policy}:${key}`, policies[policy]());
}
