import type { Interval } from '@/lib/experiments/types';
import { quantileSorted } from './percentile';
import { createRandom } from './prng';

export const DEFAULT_RESAMPLES = 2_000;
export const MAX_BOOTSTRAP_VALUES = 50_000;
/** Draws per interval (resamples × n) at most, about 25 ms: a summary bootstraps every variant. */
const MAX_DRAWS = 5_000_000;
const MIN_RESAMPLES = 400;

export type BootstrapOptions = { seed: string; resamples?: number; confidence?: number };

/**
 * Percentile bootstrap interval of the mean: resample the values with replacement `resamples` times (seeded: the
 * same values and seed give the same interval, in any order), take the mean of each, and read the
 * (1 ± confidence)/2 quantiles of those means (numpy's linear definition). Null for no values. Above 2,500 values the number of
 * resamples shrinks to keep the work bounded (never below 400, so at most 20M draws at the 50,000-value limit);
 * intervals over that many values are narrow, and the fewer resamples move their bounds very little.
 */
export function bootstrapMeanInterval(values: readonly number[], options: BootstrapOptions): Interval | null {
  const n = values.length;
  if (n === 0) return null;
  if (n > MAX_BOOTSTRAP_VALUES) throw new RangeError(`bootstrap takes at most ${MAX_BOOTSTRAP_VALUES} values`);
  const confidence = options.confidence ?? 0.95;
  const affordable = Math.max(MIN_RESAMPLES, Math.floor(MAX_DRAWS / n));
  const resamples = Math.min(options.resamples ?? DEFAULT_RESAMPLES, affordable);
  const first = values[0]!;
  // Constant data: every resample has the same mean, and the arithmetic below would only add rounding noise.
  if (values.every((v) => v === first)) return { low: first, high: first };
  const random = createRandom(options.seed);
  // Sorted first so the interval depends on the values and the seed only, not on the order rows arrived in.
  const data = Float64Array.from(values).sort();
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += data[Math.floor(random() * n)]!;
    means[r] = sum / n;
  }
  means.sort();
  const sorted = Array.from(means);
  const alpha = (1 - confidence) / 2;
  return { low: quantileSorted(sorted, alpha)!, high: quantileSorted(sorted, 1 - alpha)! };
}

/**
 * Paired bootstrap interval of the mean difference a − b: the pairs are resampled together, which is the same as
 * bootstrapping the per-pair differences. `a` and `b` are aligned by index (pair i is a[i], b[i]).
 */
export function pairedBootstrapDiffInterval(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions,
): Interval | null {
  if (a.length !== b.length) throw new RangeError('paired samples must have the same length');
  return bootstrapMeanInterval(a.map((x, i) => x - b[i]!), options);
}
