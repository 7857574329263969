import type { Interval } from '@/lib/experiments/types';
import { Z_975 } from './normal';

/**
 * The Wilson score interval for `successes` out of `trials` (95% by default):
 * (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). Null for no trials. Unlike p̂ ± z·SE it never leaves
 * [0, 1] and is not degenerate at 0 or n successes.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_975): Interval | null {
  if (!(trials > 0) || successes < 0 || successes > trials) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0 and n successes the bound is exactly 0 or 1; the formula only gets there to the last bit.
  return {
    low: successes === 0 ? 0 : Math.max(0, center - half),
    high: successes === trials ? 1 : Math.min(1, center + half),
  };
}
