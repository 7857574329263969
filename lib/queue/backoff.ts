import 'server-only';

/* Retry timing shared by the local dispatcher; QStash applies its own. */

/** min(2^(n-1) s, 60 s), jittered into its upper half so a burst of failures does not retry in lockstep. */
export function defaultBackoff(retried: number): number {
  const base = Math.min(1000 * 2 ** Math.max(0, retried - 1), 60_000);
  return base / 2 + Math.random() * (base / 2);
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

// 5xx, timeouts and rate limits can heal; any other 4xx (bad signature, unknown route) would fail the same way again.
export const isRetryableStatus = (status: number) => status >= 500 || status === 408 || status === 429;
