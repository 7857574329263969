import { Z_80, Z_975 } from './normal';
import { wilsonInterval } from './wilson';

/** An exact two-sided McNemar test needs ≥ 6 discordant pairs all one way to reach p < 0.05 (2·0.5⁶ = 0.031). */
const MIN_DISCORDANT_FOR_SIGNIFICANCE = 6;

/**
 * The smallest paired difference in means (for pass/fail: pass rates) that `n` pairs detect with 80% power at
 * α = 0.05 two-sided, by the normal approximation: MDD = (z₀.₉₇₅ + z₀.₈) · s_d / √n, where s_d is the sample
 * standard deviation (n − 1) of the per-pair differences d_i = a_i − b_i.
 *
 * When every pair agrees (s_d = 0) the sample says nothing about the spread, so s_d is taken from the largest
 * discordance the sample cannot rule out: the upper 95% Wilson bound u of 0 discordant pairs in n, s_d = √u (the
 * SD of a ±1/0 difference with discordance u and no net shift). For pass/fail data the result is never below
 * 6/n, the smallest shift an exact McNemar test can call significant. Null below 2 pairs; capped at 1.
 */
export function minDetectableDiff(differences: readonly number[], options: { binary?: boolean } = {}): number | null {
  const n = differences.length;
  if (n < 2) return null;
  const mean = differences.reduce((s, d) => s + d, 0) / n;
  const variance = differences.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1);
  let sd = Math.sqrt(variance);
  if (sd === 0) sd = Math.sqrt(wilsonInterval(0, n)!.high);
  let mdd = ((Z_975 + Z_80) * sd) / Math.sqrt(n);
  if (options.binary) mdd = Math.max(mdd, MIN_DISCORDANT_FOR_SIGNIFICANCE / n);
  return Math.min(1, mdd);
}
