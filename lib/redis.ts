import 'server-only';
import { Redis } from '@upstash/redis';
import { env } from './env';

let client: Redis | null | undefined;

/** The shared Upstash Redis client, or null when UPSTASH_REDIS_REST_URL/TOKEN are not set (in-process fallbacks apply). */
export function getRedis(): Redis | null {
  if (client === undefined) {
    const config = env().redis;
    client = config
      ? new Redis({
          url: config.url,
          token: config.token,
          // The product sends no telemetry anywhere, Upstash's SDK headers included.
          enableTelemetry: false,
          // Callers fail open on errors; the default 5 retries would hold a request for about 4 s first.
          retry: { retries: 2, backoff: (attempt) => Math.exp(attempt) * 50 },
          // A hung Redis must not stall run creation: each command (its retries included) gets
          // UPSTASH_REDIS_TIMEOUT_MS. A function, because the client rethrows only when it made the signal itself;
          // a plain signal would make a timed-out command "succeed" with the abort reason as its result.
          signal: () => AbortSignal.timeout(config.timeoutMs),
        })
      : null;
  }
  return client;
}
