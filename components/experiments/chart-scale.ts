import type { Cell } from '@/lib/client/experiment-types';

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the range's middle. */
export function linearScale(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** About `count` round ticks (1, 2 or 5 × 10ⁿ apart) from 0 up to at least `max`. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  // Rounded so 0.1 + 0.2 style steps print as written.
  for (let v = 0; v < max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  if ((ticks.at(-1) ?? 0) < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

/** Counts of scores in [0, 1] over `bins` equal bins; 1 falls in the last bin. */
export function histogram(scores: number[], bins = 10): number[] {
  const counts = Array.from({ length: bins }, () => 0);
  for (const s of scores) {
    if (!Number.isFinite(s)) continue;
    const i = Math.min(bins - 1, Math.max(0, Math.floor(s * bins)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/** Scores of the scored cells (errors and pending left out), per variant. */
export function scoresByVariant(cells: Cell[], variants: number): number[][] {
  const out: number[][] = Array.from({ length: variants }, () => []);
  for (const cell of cells) {
    if (cell.status !== 'succeeded' || cell.result === 'error' || cell.score === null) continue;
    out[cell.variant]?.push(cell.score);
  }
  return out;
}

export type CostLatencyPoint = { id: string; variant: number; latencyMs: number; costUsd: number };

/**
 * Cells that ran (not reused: a reused cell cost nothing and its latency is the original's) with both a latency and
 * a known cost; at most `max` of them, evenly spaced, so a 10,000-cell experiment draws quickly.
 */
export function costLatencyPoints(cells: Cell[], max = 2000): CostLatencyPoint[] {
  const points: CostLatencyPoint[] = [];
  for (const c of cells) {
    if (c.status !== 'succeeded' || c.reused || c.latencyMs === null || c.costUsd === null) continue;
    points.push({ id: c.id, variant: c.variant, latencyMs: c.latencyMs, costUsd: c.costUsd });
  }
  if (points.length <= max) return points;
  const step = points.length / max;
  return Array.from({ length: max }, (_, i) => points[Math.floor(i * step)] as CostLatencyPoint);
}

/** Distinct, colour-blind-friendly hues per variant (CSS colours that read on light and dark backgrounds). */
export const VARIANT_COLORS = ['#3b82f6', '#f59e0b', '#10b981', '#ec4899', '#8b5cf6', '#06b6d4', '#ef4444', '#84cc16', '#f97316', '#64748b'];
export const variantColor = (variant: number): string => VARIANT_COLORS[variant % VARIANT_COLORS.length] ?? '#64748b';
