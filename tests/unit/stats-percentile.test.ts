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

  // Random latencies (numpy.random.default_rng(95)); expected: numpy.quantile(values, q), numpy 2.4.6.
  const qs = [0, 0.05, 0.25, 0.5, 0.9, 0.95, 0.99, 1];
  const grid: [number[], number[]][] = [
    [[2249, 2707], [2249.0, 2271.9, 2363.5, 2478.0, 2661.2, 2684.1, 2702.42, 2707.0]],
    [[289, 4566, 2431, 1131, 2465], [289.0, 457.4, 1131.0, 2431.0, 3725.6000000000004, 4145.799999999999, 4481.96, 4566.0]],
    [[1903, 2154, 2052, 1588, 2384, 978, 809, 3711, 3891, 1770, 3965, 2028, 2084, 2031, 1285, 318, 2500], [318.0, 710.8000000000001, 1588.0, 2031.0, 3783.0, 3905.7999999999997, 3953.16, 3965.0]],
    [[1273, 1442, 4213, 3790, 4618, 1819, 3956, 4109, 3466, 2784, 2691, 1335, 1944, 3700, 647, 3313, 4289, 1985, 302, 153, 3667, 410, 2880, 4660, 368, 3961, 2208, 3870, 5, 1742, 4294, 2402, 3859, 2763, 236, 2642, 944, 1381, 534, 1505, 1422, 2896, 1184, 3388, 399, 1920, 3356, 2089, 3084, 2318, 2547, 2310, 433, 4543, 3693, 703, 1109, 4734, 3308, 3456, 2768, 1900, 3664, 4295, 4587, 508, 3594, 1738, 1838, 791, 3718, 3025, 1023, 4765, 263, 3583, 4164, 608, 3571, 484, 401, 1755, 4492, 3579, 345, 4238, 3672, 258, 4764, 3508, 4575, 2788, 3225, 3956, 3988, 3159, 4472, 1495, 2109, 4034], [5.0, 300.05, 1369.5, 2776.0, 4312.700000000002, 4588.55, 4764.01, 4765.0]],
  ];

  it('matches numpy.quantile on random data', () => {
    for (const [values, expected] of grid) {
      qs.forEach((q, i) => expect(quantile(values, q), `n=${values.length} q=${q}`).toBeCloseTo(expected[i]!, 9));
    }
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
