import type { Interval } from '@/lib/client/experiment-types';

/** 0.8312 → "83%"; null → "—". */
export const formatPct = (v: number | null, digits = 0): string => (v === null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(digits)}%`);

/** A signed difference in points: +12.5 pts. */
export const formatPts = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v * 100).toFixed(1)} pts`);

export const formatCi = (ci: Interval | null, pct = true): string =>
  ci === null ? '' : pct ? `${formatPct(ci.low)}–${formatPct(ci.high)}` : `${ci.low.toFixed(2)}–${ci.high.toFixed(2)}`;

export const formatScore = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(2));

export function formatP(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

/** "about 2 min left", "12 s left". */
export function formatEta(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  if (seconds < 1) return 'almost done';
  if (seconds < 60) return `${Math.ceil(seconds)} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}
