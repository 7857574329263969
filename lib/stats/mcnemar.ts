import { gammaln } from 'simple-statistics';

/** ln P(X = k) for X ~ Binomial(n, 1/2). */
function logPmfHalf(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1) - n * Math.LN2;
}

/**
 * ln P(X ≤ k) for X ~ Binomial(n, 1/2), in log space so that n up to 50,000 neither underflows nor loses the tail:
 * the sum is taken relative to its largest term P(X = k) (k ≤ n/2 here) with the exact ratio
 * P(X = i − 1) / P(X = i) = i / (n − i + 1), stopping once the terms no longer change the sum.
 */
export function logBinomialCdfHalf(k: number, n: number): number {
  if (k >= n) return 0;
  if (k < 0) return Number.NEGATIVE_INFINITY;
  let relative = 1;
  let term = 1;
  for (let i = k; i > 0; i--) {
    term *= i / (n - i + 1);
    relative += term;
    if (term < relative * 1e-17) break;
  }
  return logPmfHalf(n, k) + Math.log(relative);
}

export type McNemarResult = { aOnly: number; bOnly: number; discordant: number; pValue: number | null };

/**
 * McNemar's exact test, two-sided: on the b + c discordant pairs, b ~ Binomial(b + c, 1/2) under the null, and
 * p = min(1, 2·P(X ≤ min(b, c))) — R's `binom.test(b, b + c)` and `mcnemar.test(..., exact)` in exact2x2.
 * With no discordant pairs p is 1 (nothing contradicts the null); a p below 1e-308 reads as 0.
 */
export function mcnemarExact(aOnly: number, bOnly: number): McNemarResult {
  if (!Number.isInteger(aOnly) || !Number.isInteger(bOnly) || aOnly < 0 || bOnly < 0) {
    throw new RangeError('McNemar counts must be non-negative integers');
  }
  const n = aOnly + bOnly;
  if (n === 0) return { aOnly, bOnly, discordant: 0, pValue: 1 };
  const k = Math.min(aOnly, bOnly);
  const p = Math.exp(Math.LN2 + logBinomialCdfHalf(k, n));
  return { aOnly, bOnly, discordant: n, pValue: Math.min(1, p) };
}
