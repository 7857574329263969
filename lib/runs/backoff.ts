import 'server-only';

/** Exponential backoff with jitter, never sooner than the provider asked for. */
export function retryDelayMs({ attempt, retryAfterMs, baseMs = 1000, capMs = 60_000, random = Math.random }: {
  attempt: number;
  retryAfterMs?: number;
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.ceil(Math.max(jittered, retryAfterMs ?? 0));
}
