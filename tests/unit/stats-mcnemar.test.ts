import { describe, expect, it } from 'vitest';
import { logBinomialCdfHalf, mcnemarExact } from '@/lib/stats/mcnemar';

describe('mcnemarExact', () => {
  // Two-sided exact p = min(1, 2·P(X ≤ min(b, c))), X ~ Bin(b + c, 1/2). Expected values from
  // scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue (scipy 1.17.1); R's binom.test gives the same
  // (binom.test(2, 12) → 0.03857, binom.test(1, 10) → 0.02148).
  const cases: [number, number, number][] = [
    [1, 9, 0.021484375],
    [3, 4, 1],
    [2, 10, 0.03857421875],
    [0, 6, 0.03125],
    [0, 5, 0.0625],
    [12, 3, 0.03515625],
    [0, 1, 1],
    [7, 20, 0.0191572904586792],
    [10, 10, 1],
    [100, 140, 0.01166409231767769],
    // Large n, where summing the pmf directly would underflow or lose the tail:
    [20000, 20500, 0.013153825113144245],
    [24000, 26000, 3.857469951030655e-19],
  ];

  it.each(cases)('b=%i c=%i → p=%f', (b, c, p) => {
    const result = mcnemarExact(b, c);
    expect(result.discordant).toBe(b + c);
    expect(result.pValue!).toBeGreaterThan(0);
    // Relative: the large-n values are far below any absolute tolerance.
    expect(Math.abs(result.pValue! - p) / p).toBeLessThan(1e-8);
  });

  it('is symmetric in b and c', () => {
    expect(mcnemarExact(9, 1).pValue).toBe(mcnemarExact(1, 9).pValue);
    expect(mcnemarExact(26000, 24000).pValue).toBe(mcnemarExact(24000, 26000).pValue);
  });

  it('answers 1 with no discordant pairs and ~0 for the most extreme case at 50,000', () => {
    expect(mcnemarExact(0, 0).pValue).toBe(1);
    // The true value 2·0.5^50000 is below the smallest double.
    expect(mcnemarExact(0, 50_000).pValue).toBe(0);
  });

  it('refuses counts that are not non-negative integers', () => {
    expect(() => mcnemarExact(-1, 3)).toThrow(RangeError);
    expect(() => mcnemarExact(1.5, 3)).toThrow(RangeError);
  });

  it('keeps the log of a tail that underflows in linear space', () => {
    // ln P(X ≤ 0) for n = 50,000 is exactly −50,000·ln 2.
    expect(logBinomialCdfHalf(0, 50_000)).toBeCloseTo(-50_000 * Math.LN2, 6);
    expect(logBinomialCdfHalf(5, 5)).toBe(0);
    expect(logBinomialCdfHalf(-1, 5)).toBe(Number.NEGATIVE_INFINITY);
  });
});
