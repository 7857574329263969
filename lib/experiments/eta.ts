/** No estimate before this many cells have finished: the first calls include warm-up and say little. */
export const ETA_MIN_DONE = 3;

/**
 * Seconds left at the average pace so far: (total − done) · elapsed / done, rounded up. Null until the
 * experiment has started and ETA_MIN_DONE cells are done, and when no time has passed; 0 once everything is
 * done. `done` and `total` should leave out reused cells, which finish at once and would flatter the pace.
 */
export function etaSeconds(input: {
  startedAt: Date | string | number | null;
  now: Date | number;
  done: number;
  total: number;
}): number | null {
  const { done, total } = input;
  if (total <= 0 || done >= total) return 0;
  if (input.startedAt === null || done < ETA_MIN_DONE) return null;
  const started = new Date(input.startedAt).getTime();
  const elapsedMs = new Date(input.now).getTime() - started;
  if (!Number.isFinite(elapsedMs) || elapsedMs <= 0) return null;
  return Math.ceil(((total - done) * elapsedMs) / done / 1000);
}
