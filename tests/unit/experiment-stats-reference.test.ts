import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVariants } from '@/lib/experiments/compare';
import { summarizeVariants, type CellStat } from '@/lib/experiments/summarize';
import type { ResolvedVariant } from '@/lib/experiments/types';

// Figures computed by tests/fixtures/experiment-stats-reference.py with numpy and scipy from the rules of issue 8,
// on a seeded synthetic experiment with every kind of cell (errored, evaluator error, canceled, pending, reused,
// unpriced). Each bootstrap interval is checked twice: against scipy.stats.bootstrap (100,000 resamples, another
// generator) within Monte Carlo error, and exactly against a Python re-implementation of the documented seeded
// algorithm (seed hash, mulberry32, index draws, numpy linear quantiles).
type Ci = { low: number; high: number; se: number; seededLow: number; seededHigh: number };
type Reference = {
  experimentId: string;
  repeats: number;
  cells: CellStat[];
  summaries: (Record<string, unknown> & { variant: number; meanScoreCi: Ci; passRateCi: { low: number; high: number } })[];
  comparisons: {
    a: number; b: number; pairs: number; aOnly: number; bOnly: number; pValue: number; minDetectableDiff: number;
    passRate: { a: number; b: number; diff: number; ci: Ci }; score: { a: number; b: number; diff: number; ci: Ci };
  }[];
};
const ref = JSON.parse(readFileSync(path.join(import.meta.dirname, '../fixtures/experiment-stats-reference.json'), 'utf8')) as Reference;

const variants: ResolvedVariant[] = [0, 1, 2].map((index) => ({
  index, label: `v${index}`, promptId: 'p', promptTitle: 'P', versionId: 'ver', versionNumber: 1, provider: 'openai', model: 'm', params: {},
}));

/** `grid`: the spacing of a discrete statistic's values (1/n for pass/fail differences), where quantile rules differ. */
const closeCi = (actual: { low: number; high: number } | null, expected: Ci, grid = 0) => {
  expect(actual!.low).toBeCloseTo(expected.seededLow, 12);
  expect(actual!.high).toBeCloseTo(expected.seededHigh, 12);
  // B = 2,000 puts the bounds' own Monte Carlo error near 0.06 SE.
  expect(Math.abs(actual!.low - expected.low)).toBeLessThan(0.15 * expected.se + grid);
  expect(Math.abs(actual!.high - expected.high)).toBeLessThan(0.15 * expected.se + grid);
};

describe('summary and comparison against the numpy/scipy reference', () => {
  const summaries = summarizeVariants({ experimentId: ref.experimentId, variants, cells: ref.cells, repeats: ref.repeats });

  it.each(ref.summaries.map((s) => [s.variant, s] as const))('summary of variant %i', (index, expected) => {
    const actual = summaries[index]!;
    for (const key of ['cells', 'scored', 'passed', 'failed', 'errored', 'canceled', 'pending', 'reused', 'unknownCostCells', 'flakyItems'] as const) {
      expect(actual[key], key).toBe(expected[key]);
    }
    expect(actual.tokens).toEqual(expected.tokens);
    for (const key of ['passRate', 'meanScore', 'latencyP50Ms', 'latencyP95Ms', 'costUsd', 'judgeCostUsd', 'costPerItemUsd', 'flakyShare'] as const) {
      expect(actual[key], key).toBeCloseTo(expected[key] as number, 10);
    }
    expect(actual.passRateCi!.low).toBeCloseTo(expected.passRateCi.low, 12);
    expect(actual.passRateCi!.high).toBeCloseTo(expected.passRateCi.high, 12);
    closeCi(actual.meanScoreCi, expected.meanScoreCi);
  });

  // Verdicts by the rules: 0 vs 1 and 1 vs 2 are significant by McNemar; 0 vs 2 is not, and its score interval
  // (scipy: −0.057 to 0.029) contains 0.
  const verdicts: Record<string, string> = { '0:1': 'b_better', '1:0': 'a_better', '0:2': 'inconclusive', '1:2': 'a_better' };

  it.each(ref.comparisons.map((c) => [c.a, c.b, c] as const))('comparison %i vs %i', (a, b, expected) => {
    const actual = compareVariants({ experimentId: ref.experimentId, a, b, cells: ref.cells });
    expect(actual.pairs).toBe(expected.pairs);
    expect(actual.mcnemar.aOnly).toBe(expected.aOnly);
    expect(actual.mcnemar.bOnly).toBe(expected.bOnly);
    expect(Math.abs(actual.mcnemar.pValue! - expected.pValue) / expected.pValue).toBeLessThan(1e-8);
    for (const side of ['passRate', 'score'] as const) {
      expect(actual[side].a).toBeCloseTo(expected[side].a, 12);
      expect(actual[side].b).toBeCloseTo(expected[side].b, 12);
      expect(actual[side].diff).toBeCloseTo(expected[side].diff, 12);
      closeCi(actual[side].ci, expected[side].ci, side === 'passRate' ? 1 / expected.pairs : 0);
    }
    expect(actual.minDetectableDiff).toBeCloseTo(expected.minDetectableDiff, 12);
    expect(actual.verdict).toBe(verdicts[`${a}:${b}`]);
  });

  it('does not depend on the order of the cells', () => {
    // The database returns cells in no set order; intervals and verdicts must not move (sums may, in the last bit).
    const shuffled = [...ref.cells].reverse();
    const again = summarizeVariants({ experimentId: ref.experimentId, variants, cells: shuffled, repeats: ref.repeats });
    expect(again.map((s) => [s.meanScoreCi, s.passRateCi, s.latencyP95Ms])).toEqual(summaries.map((s) => [s.meanScoreCi, s.passRateCi, s.latencyP95Ms]));
    const [x, y] = [shuffled, ref.cells].map((cells) => compareVariants({ experimentId: ref.experimentId, a: 0, b: 2, cells }));
    expect([x!.passRate.ci, x!.score.ci, x!.mcnemar, x!.verdict, x!.reason]).toEqual([y!.passRate.ci, y!.score.ci, y!.mcnemar, y!.verdict, y!.reason]);
  });
});
