import { describe, expect, it } from 'vitest';
import { minDetectableDiff } from '@/lib/stats/power';

// (z₀.₉₇₅ + z₀.₈) = 1.959963984540054 + 0.8416212335729143 = 2.8015852181129683 (scipy.stats.norm.ppf).
const K = 2.8015852181129683;

describe('minDetectableDiff', () => {
  it('is K·s_d/√n with the sample SD of the differences', () => {
    // 100 pairs: 20 at +1, 10 at −1, 70 at 0 → mean 0.1, Σ(d − 0.1)² = 20·0.81 + 10·1.21 + 70·0.01 = 29,
    // s_d = √(29/99) = 0.541229...
    const d = [...new Array<number>(20).fill(1), ...new Array<number>(10).fill(-1), ...new Array<number>(70).fill(0)];
    expect(minDetectableDiff(d, { binary: true })).toBeCloseTo((K * Math.sqrt(29 / 99)) / 10, 12);
  });

  it('shrinks like 1/√n', () => {
    const make = (n: number) => Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : i % 4 === 1 ? -1 : 0));
    const small = minDetectableDiff(make(100))!;
    const large = minDetectableDiff(make(400))!;
    expect(large / small).toBeCloseTo(0.5, 1);
  });

  it('uses the Wilson upper bound of the discordance when every pair agrees', () => {
    // 100 concordant pairs: Wilson upper bound of 0/100 = 0.036994 (scipy binomtest(0,100).proportion_ci('wilson')
    // → 0.03699349...), s_d = √0.036994 → MDD = K·0.19234/10 = 0.05389.
    expect(minDetectableDiff(new Array<number>(100).fill(0))).toBeCloseTo(0.0538848325950345, 6);
    // For pass/fail the exact-test floor 6/100 is larger.
    expect(minDetectableDiff(new Array<number>(100).fill(0), { binary: true })).toBeCloseTo(0.06, 12);
  });

  it('never goes below 6/n for pass/fail data, and is null below 2 pairs', () => {
    // 10,000 concordant pairs: the Wilson rule gives K·√(0.000384)/100 ≈ 0.00055 < 6/10,000.
    expect(minDetectableDiff(new Array<number>(10_000).fill(0), { binary: true })).toBeCloseTo(0.0006, 10);
    expect(minDetectableDiff([1])).toBeNull();
    expect(minDetectableDiff([])).toBeNull();
  });

  it('is capped at 1', () => {
    expect(minDetectableDiff([1, -1])).toBe(1);
  });
});
