import { describe, expect, it } from 'vitest';
import { summarizeVariants, type CellStat } from '@/lib/experiments/summarize';
import type { ResolvedVariant } from '@/lib/experiments/types';
import { bootstrapMeanInterval } from '@/lib/stats/bootstrap';

const variant = (index: number): ResolvedVariant => ({
  index, label: `v${index}`, promptId: '00000000-0000-4000-8000-000000000001', promptTitle: 'P', versionId: 'ver',
  versionNumber: index + 1, provider: 'openai', model: 'gpt-test', params: {},
});

function cell(over: Partial<CellStat> & { itemId: string }): CellStat {
  return {
    variant: 0, repeat: 0, status: 'succeeded', result: 'pass', score: 1, latencyMs: 100, costUsd: 0.01,
    judgeCostUsd: null, usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 }, reused: false, ...over,
  };
}

describe('summarizeVariants', () => {
  it('leaves errored cells out of the pass rate: 50 passes and 50 errors is 100%, 50 errored', () => {
    const cells = [
      ...Array.from({ length: 50 }, (_, i) => cell({ itemId: `p${i}` })),
      ...Array.from({ length: 25 }, (_, i) => cell({ itemId: `e${i}`, status: 'errored', result: null, score: null, latencyMs: null, costUsd: null, usage: null })),
      // Evaluator errors (a judge timing out) are errors too, not failures.
      ...Array.from({ length: 25 }, (_, i) => cell({ itemId: `j${i}`, result: 'error', score: null, latencyMs: 5000 })),
    ];
    const [s] = summarizeVariants({ experimentId: 'e', variants: [variant(0)], cells, repeats: 1 });
    expect(s!.cells).toBe(100);
    expect(s!.passRate).toBe(1);
    expect(s!.scored).toBe(50);
    expect(s!.passed).toBe(50);
    expect(s!.failed).toBe(0);
    expect(s!.errored).toBe(50);
    expect(s!.meanScore).toBe(1);
    // Wilson for 50/50 (scipy binomtest(50, 50).proportion_ci('wilson') → 0.928652…, 1).
    expect(s!.passRateCi!.low).toBeCloseTo(0.9286524, 6);
    expect(s!.passRateCi!.high).toBe(1);
  });

  it('counts pass, fail, canceled and pending apart, and means scores over scored cells only', () => {
    const cells = [
      cell({ itemId: 'a', result: 'pass', score: 0.9 }),
      cell({ itemId: 'b', result: 'fail', score: 0.2 }),
      cell({ itemId: 'c', result: 'fail', score: null }),
      cell({ itemId: 'd', status: 'canceled', result: null, score: null, latencyMs: null, costUsd: null, usage: null }),
      cell({ itemId: 'e', status: 'pending', result: null, score: null, latencyMs: null, costUsd: null, usage: null }),
      cell({ itemId: 'f', result: 'error', score: 0.99 }),
    ];
    const [s] = summarizeVariants({ experimentId: 'e', variants: [variant(0)], cells, repeats: 1 });
    expect(s).toMatchObject({ scored: 3, passed: 1, failed: 2, errored: 1, canceled: 1, pending: 1 });
    expect(s!.passRate).toBeCloseTo(1 / 3, 12);
    expect(s!.meanScore).toBeCloseTo(0.55, 12); // (0.9 + 0.2) / 2; the errored cell's 0.99 is left out
    expect(s!.meanScoreCi).toEqual(bootstrapMeanInterval([0.9, 0.2], { seed: 'e:0' }));
  });

  it('takes latency percentiles over succeeded cells, reused ones included', () => {
    const cells = [15, 20, 35, 40].map((ms, i) => cell({ itemId: `i${i}`, latencyMs: ms }));
    cells.push(cell({ itemId: 'r', latencyMs: 50, reused: true, costUsd: 0 }));
    cells.push(cell({ itemId: 'x', status: 'errored', result: null, latencyMs: 99_999 }));
    const [s] = summarizeVariants({ experimentId: 'e', variants: [variant(0)], cells, repeats: 1 });
    // numpy.percentile([15, 20, 35, 40, 50], [50, 95]) → 35, 48
    expect(s!.latencyP50Ms).toBe(35);
    expect(s!.latencyP95Ms).toBeCloseTo(48, 12);
    expect(s!.reused).toBe(1);
  });

  it('computes cost per item over items with a succeeded cell and counts unknown costs', () => {
    const cells = [
      cell({ itemId: 'a', repeat: 0, costUsd: 0.02, judgeCostUsd: 0.001 }),
      cell({ itemId: 'a', repeat: 1, costUsd: 0.04 }),
      cell({ itemId: 'b', repeat: 0, costUsd: null }), // no price
      cell({ itemId: 'c', repeat: 0, costUsd: 0, reused: true }), // reused: cost 0, not "unknown"
      cell({ itemId: 'd', repeat: 0, status: 'errored', result: null, costUsd: null, usage: null }),
    ];
    const [s] = summarizeVariants({ experimentId: 'e', variants: [variant(0)], cells, repeats: 2 });
    expect(s!.costUsd).toBeCloseTo(0.06, 12);
    expect(s!.judgeCostUsd).toBeCloseTo(0.001, 12);
    expect(s!.costPerItemUsd).toBeCloseTo(0.06 / 3, 12); // items a, b, c succeeded; d did not
    expect(s!.unknownCostCells).toBe(1);
    expect(s!.tokens).toEqual({ input: 40, output: 20, total: 60 });
  });

  it('finds flaky items among items with at least two scored repeats', () => {
    const cells = [
      cell({ itemId: 'steady', repeat: 0 }), cell({ itemId: 'steady', repeat: 1 }), cell({ itemId: 'steady', repeat: 2 }),
      cell({ itemId: 'flaky', repeat: 0 }), cell({ itemId: 'flaky', repeat: 1, result: 'fail', score: 0 }),
      cell({ itemId: 'flaky', repeat: 2 }),
      // One scored repeat and one error: not eligible, so not flaky.
      cell({ itemId: 'once', repeat: 0, result: 'fail', score: 0 }), cell({ itemId: 'once', repeat: 1, result: 'error' }),
      cell({ itemId: 'failing', repeat: 0, result: 'fail', score: 0 }), cell({ itemId: 'failing', repeat: 1, result: 'fail', score: 0 }),
    ];
    const [s] = summarizeVariants({ experimentId: 'e', variants: [variant(0)], cells, repeats: 3 });
    expect(s!.flakyItems).toBe(1);
    expect(s!.flakyShare).toBeCloseTo(1 / 3, 12);
    const [single] = summarizeVariants({ experimentId: 'e', variants: [variant(0)], cells: [cell({ itemId: 'a' })], repeats: 1 });
    expect(single!.flakyItems).toBeNull();
    expect(single!.flakyShare).toBeNull();
  });

  it('answers one summary per variant in order, with nulls for a variant without results', () => {
    const cells = [cell({ itemId: 'a', variant: 1, result: 'fail', score: 0 })];
    const summaries = summarizeVariants({ experimentId: 'e', variants: [variant(0), variant(1)], cells, repeats: 1 });
    expect(summaries.map((s) => [s.variant, s.label, s.versionNumber])).toEqual([[0, 'v0', 1], [1, 'v1', 2]]);
    expect(summaries[0]).toMatchObject({
      cells: 0, passRate: null, passRateCi: null, meanScore: null, meanScoreCi: null, latencyP50Ms: null,
      costPerItemUsd: null, costUsd: 0,
    });
    expect(summaries[1]!.passRate).toBe(0);
  });

  it('seeds the score interval by experiment and variant: same data, same interval', () => {
    const cells = Array.from({ length: 40 }, (_, i) => cell({ itemId: `i${i}`, score: (i % 5) / 4, result: i % 5 > 1 ? 'pass' : 'fail' }));
    const again = summarizeVariants({ experimentId: 'e', variants: [variant(0)], cells, repeats: 1 });
    expect(summarizeVariants({ experimentId: 'e', variants: [variant(0)], cells, repeats: 1 })).toEqual(again);
    const other = summarizeVariants({ experimentId: 'other', variants: [variant(0)], cells, repeats: 1 });
    expect(other[0]!.meanScoreCi).not.toEqual(again[0]!.meanScoreCi);
  });
});
