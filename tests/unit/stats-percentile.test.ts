import { describe, expect, it } from 'vitest';
import { p50p95, quantile, quantileSorted } from '@/lib/stats/percentile';

describe('quantile (numpy linear definition)', () => {
  // Expected values from numpy.percentile(values, q) with the default method="linear" (numpy 2.4.6), and by hand:
  // [1,2,3,4] at 0.95: h = 3·0.95 = 2.85 → 3 + 0.85·(4 − 3) = 3.85.
  const cases: [number[], number, number][] = [
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.95, 3.85],
    [[1, 2, 3, 4], 0.25, 1.75],
    [[15, 20, 35, 40, 50], 0.5, 35],
    [[15, 20, 35, 40, 50], 0.95, 48],
    [[3, 1, 2], 0.95, 2.9],
    [[3, 1, 2], 0.25, 1.5],
    [[7], 0.95, 7],
    [[100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100], 0.95, 1050],
    [[100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100], 0.25, 350],
  ];

  it.each(cases)('%j at %f → %f', (values, p, expected) => {
    expect(quantile(values, p)).toBeCloseTo(expected, 12);
  });

  it('handles the ends and empty input', () => {
    expect(quantile([5, 1, 9], 0)).toBe(1);
    expect(quantile([5, 1, 9], 1)).toBe(9);
    expect(quantile([], 0.5)).toBeNull();
    expect(quantileSorted([1, 2], 1.5)).toBeNull();
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    quantile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  it('p50p95 gives both', () => {
    expect(p50p95([15, 50, 35, 20, 40])).toEqual({ p50: 35, p95: 48 });
    expect(p50p95([])).toEqual({ p50: null, p95: null });
  });
});
