/**
 * The p-quantile (p in [0, 1]) of already sorted values by linear interpolation between closest ranks:
 * h = (n − 1)·p, value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]). This is numpy's default (`method="linear"`,
 * R's type 7). simple-statistics' `quantile` uses another definition, hence this file.
 */
export function quantileSorted(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const low = sorted[lo]!;
  if (lo + 1 >= n) return low;
  return low + (h - lo) * (sorted[lo + 1]! - low);
}

/** The p-quantile of values in any order (numpy's linear definition); null for no values. */
export function quantile(values: readonly number[], p: number): number | null {
  return quantileSorted([...values].sort((x, y) => x - y), p);
}

/** p50 and p95 of values in any order, sorted once. */
export function p50p95(values: readonly number[]): { p50: number | null; p95: number | null } {
  const sorted = [...values].sort((x, y) => x - y);
  return { p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95) };
}
