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

  // A wider grid, random (b, c) up to n = 50,000 biased towards the tails: numpy.random.default_rng(8), p from
  // scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue (scipy 1.17.1).
  const grid: [number, number, number][] = [
    [1, 0, 1.0],
    [0, 2, 0.5],
    [1, 2, 1.0],
    [3, 0, 0.25],
    [4, 3, 1.0],
    [2, 5, 0.453125],
    [4, 11, 0.11846923828124999],
    [6, 9, 0.6072387695312499],
    [12, 18, 0.36159460805356514],
    [29, 1, 5.774199962615967e-08],
    [14, 16, 0.8555355519056321],
    [20, 41, 0.009853448195259268],
    [3, 58, 3.2857397358476703e-14],
    [26, 35, 0.30567741986311836],
    [99, 1, 1.5934990285464438e-28],
    [43, 57, 0.19334790449564243],
    [187, 63, 1.8809312637915264e-15],
    [128, 122, 0.7519020991265514],
    [219, 31, 4.868422881453512e-36],
    [471, 528, 0.07638161886701204],
    [487, 512, 0.4476734252976411],
    [482, 517, 0.2820496422506533],
    [1245, 1255, 0.8571571286601072],
    [1009, 1491, 4.927400702597024e-22],
    [1183, 1317, 0.007801563811740132],
    [3189, 6811, 1.132457549989294e-293],
    [4977, 5023, 0.6527125973732935],
    [16620, 16713, 0.614327200393],
    [16402, 16931, 0.0038274579305030126],
    [16583, 16750, 0.3632321105090769],
    [24849, 25151, 0.17826551432904128],
  ];

  it('matches scipy over a grid of sizes up to 50,000', () => {
    for (const [b, c, p] of grid) {
      expect(Math.abs(mcnemarExact(b, c).pValue! - p) / p, `b=${b} c=${c}`).toBeLessThan(1e-8);
    }
    // scipy answers 0.0 (below the smallest double) for these; so must we, or nearly.
    for (const [b, c] of [[6954, 3046], [36979, 13021], [12126, 37874]] as const) {
      expect(mcnemarExact(b, c).pValue!).toBeLessThan(1e-300);
    }
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
