import { describe, expect, it } from 'vitest';
import { compareVariants } from '@/lib/experiments/compare';
import type { CellStat } from '@/lib/experiments/summarize';

function cell(variant: number, itemId: string, result: CellStat['result'], over: Partial<CellStat> = {}): CellStat {
  return {
    itemId, variant, repeat: 0, status: 'succeeded', result, score: result === 'pass' ? 1 : result === 'fail' ? 0 : null,
    latencyMs: 100, costUsd: 0.01, judgeCostUsd: null, usage: null, reused: false, ...over,
  };
}

/** n pairs: `aOnly` where only A passes, `bOnly` where only B passes, `both` where both pass, the rest both fail. */
function pairs(n: number, aOnly: number, bOnly: number, both: number): CellStat[] {
  const cells: CellStat[] = [];
  for (let i = 0; i < n; i++) {
    const [ra, rb] = i < aOnly ? ['pass', 'fail'] : i < aOnly + bOnly ? ['fail', 'pass'] : i < aOnly + bOnly + both ? ['pass', 'pass'] : ['fail', 'fail'];
    cells.push(cell(0, `item${i}`, ra as 'pass' | 'fail'), cell(1, `item${i}`, rb as 'pass' | 'fail'));
  }
  return cells;
}

describe('compareVariants', () => {
  it('a clear win: A passes 18 more of 100 pairs', () => {
    const c = compareVariants({ experimentId: 'e', a: 0, b: 1, cells: pairs(100, 20, 2, 50) });
    expect(c.pairs).toBe(100);
    expect(c.mcnemar.aOnly).toBe(20);
    expect(c.mcnemar.bOnly).toBe(2);
    // scipy.stats.binomtest(2, 22, 0.5).pvalue
    expect(c.mcnemar.pValue!).toBeCloseTo(0.00012111663818359375, 14);
    expect(c.passRate.a).toBeCloseTo(0.7, 12);
    expect(c.passRate.b).toBeCloseTo(0.52, 12);
    expect(c.passRate.diff).toBeCloseTo(0.18, 12);
    expect(c.passRate.ci!.low).toBeGreaterThan(0.05);
    expect(c.passRate.ci!.low).toBeLessThan(0.18);
    expect(c.passRate.ci!.high).toBeGreaterThan(0.18);
    expect(c.verdict).toBe('a_better');
    expect(c.reason).toBe('A passes 18 more of 100 pairs; McNemar p < 0.001.');
  });

  it('b_better when B wins, with the labels given', () => {
    const c = compareVariants({ experimentId: 'e', a: 0, b: 1, cells: pairs(40, 3, 12, 10), labels: { a: 'v1', b: 'v2' } });
    // scipy.stats.binomtest(3, 15, 0.5).pvalue = 0.03515625
    expect(c.mcnemar.pValue!).toBeCloseTo(0.03515625, 14);
    expect(c.verdict).toBe('b_better');
    expect(c.passRate.diff).toBeCloseTo(-9 / 40, 12);
    expect(c.reason).toBe('v2 passes 9 more of 40 pairs; McNemar p = 0.035.');
  });

  it('a tie is inconclusive and says what the sample could detect', () => {
    const c = compareVariants({ experimentId: 'e', a: 0, b: 1, cells: pairs(100, 5, 5, 60) });
    expect(c.mcnemar.pValue).toBe(1);
    expect(c.verdict).toBe('inconclusive');
    expect(c.passRate.diff).toBe(0);
    expect(c.passRate.ci!.low).toBeLessThan(0);
    expect(c.passRate.ci!.high).toBeGreaterThan(0);
    // d: 5 at +1, 5 at −1, 90 at 0 → s_d = √(10/99); MDD = 2.8015852181129683·s_d/10 (scipy norm.ppf constants)
    expect(c.minDetectableDiff!).toBeCloseTo((2.8015852181129683 * Math.sqrt(10 / 99)) / 10, 10);
    expect(c.reason).toMatch(/^A and B pass equally often over 100 pairs \(5 each where the other fails\); McNemar p = 1, not significant; this sample could detect a pass-rate difference of about 9 points\.$/);
  });

  it('a tiny sample is inconclusive even when every pair favours A', () => {
    const c = compareVariants({ experimentId: 'e', a: 0, b: 1, cells: pairs(4, 4, 0, 0) });
    expect(c.pairs).toBe(4);
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toBe('Only 4 pairs are scored on both sides; at least 5 are needed for a verdict.');
    // 5 one-sided pairs: p = 0.0625, still not significant; 6: p = 0.03125 → a_better.
    expect(compareVariants({ experimentId: 'e', a: 0, b: 1, cells: pairs(5, 5, 0, 0) }).verdict).toBe('inconclusive');
    expect(compareVariants({ experimentId: 'e', a: 0, b: 1, cells: pairs(6, 6, 0, 0) }).verdict).toBe('a_better');
  });

  it('pairs by item and repeat and leaves errored, canceled and pending cells out', () => {
    const cells = [
      ...pairs(10, 0, 0, 10),
      cell(0, 'item0', 'fail', { repeat: 1 }), // no partner at repeat 1
      cell(1, 'item1', 'pass', { repeat: 1 }), // nor this one (different item)
      cell(0, 'err', 'pass'), cell(1, 'err', null, { status: 'errored' }),
      cell(0, 'judge', 'fail'), cell(1, 'judge', 'error'),
      cell(0, 'stop', 'pass'), cell(1, 'stop', null, { status: 'canceled' }),
      cell(0, 'wait', null, { status: 'pending' }), cell(1, 'wait', 'pass'),
      cell(2, 'item0', 'fail'), // another variant
    ];
    const c = compareVariants({ experimentId: 'e', a: 0, b: 1, cells });
    expect(c.pairs).toBe(10);
    expect(c.passRate).toMatchObject({ a: 1, b: 1, diff: 0 });
    expect(c.mcnemar).toEqual({ aOnly: 0, bOnly: 0, pValue: 1 });
    expect(compareVariants({ experimentId: 'e', a: 1, b: 0, cells }).pairs).toBe(10);
  });

  it('follows the score when pass rates tie but the paired score interval excludes 0', () => {
    const cells: CellStat[] = [];
    for (let i = 0; i < 20; i++) {
      const base = 0.5 + (i % 5) * 0.05;
      cells.push(cell(0, `i${i}`, 'pass', { score: base + 0.2 + (i % 3) * 0.01 }), cell(1, `i${i}`, 'pass', { score: base }));
    }
    const c = compareVariants({ experimentId: 'e', a: 0, b: 1, cells });
    expect(c.mcnemar.pValue).toBe(1);
    // i % 3 over 0..19: seven 1s and six 2s → 0.2 + (7·0.01 + 6·0.02) / 20 = 0.2095
    expect(c.score.diff).toBeCloseTo(0.2095, 12);
    expect(c.score.ci!.low).toBeGreaterThan(0);
    expect(c.verdict).toBe('a_better');
    expect(c.reason).toMatch(/^Pass rates do not differ significantly \(McNemar p = 1\), but A's mean score is higher by 0\.2\d\d \(97\.5% CI 0\.2\d\d to 0\.2\d\d for A − B; both tests at 0\.025\)\.$/);
    // With fewer than 10 score pairs the score alone decides nothing.
    const few = compareVariants({ experimentId: 'e', a: 0, b: 1, cells: cells.filter((x) => Number(x.itemId.slice(1)) < 9) });
    expect(few.pairs).toBe(9);
    expect(few.verdict).toBe('inconclusive');
  });

  it('with 0/1 scores equal to pass, a non-significant McNemar is not re-decided by the score interval', () => {
    // The reviewer's cases: McNemar p = 0.125, 0.0625 and 0.065; the 0/1 score interval alone would exclude 0.
    for (const [n, aOnly, bOnly, both] of [[10, 4, 0, 0], [20, 5, 0, 6], [40, 9, 2, 10]] as const) {
      const c = compareVariants({ experimentId: 'e', a: 0, b: 1, cells: pairs(n, aOnly, bOnly, both) });
      expect(c.mcnemar.pValue!).toBeGreaterThan(0.05);
      expect(c.verdict, `${n}, ${aOnly}, ${bOnly}`).toBe('inconclusive');
      expect(c.reason).toMatch(/; McNemar p = 0\.\d+, not significant; this sample could detect/);
      // Mirrored, too.
      expect(compareVariants({ experimentId: 'e', a: 1, b: 0, cells: pairs(n, aOnly, bOnly, both) }).verdict).toBe('inconclusive');
    }
  });

  it('with graded scores both tests run at 0.025: McNemar p = 0.035 alone is not enough', () => {
    // B passes 9 more of 40 (p = 0.035); graded scores that barely follow the result (a judge's 0.4–0.6 band).
    const cells = pairs(40, 3, 12, 10).map((x, i) => ({ ...x, score: (x.result === 'pass' ? 0.52 : 0.48) + ((i * 7) % 10) / 50 - 0.09 }));
    const c = compareVariants({ experimentId: 'e', a: 0, b: 1, cells });
    expect(c.mcnemar.pValue!).toBeCloseTo(0.03515625, 14);
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toBe(
      'B passes 9 more of 40 pairs; McNemar p = 0.035 and the 97.5% score interval includes 0 (both tests at 0.025), ' +
        'not significant; this sample could detect a pass-rate difference of about 26 points.',
    );
  });

  it('a significant McNemar wins over the score direction', () => {
    // A passes 10 more pairs but with lower scores where both pass.
    const cells = pairs(30, 10, 0, 20).map((x) => (x.result === 'pass' && x.variant === 0 && Number(x.itemId.slice(4)) >= 10 ? { ...x, score: 0.6 } : x));
    const c = compareVariants({ experimentId: 'e', a: 0, b: 1, cells });
    expect(c.verdict).toBe('a_better');
    expect(c.reason).toContain('McNemar p = 0.002');
  });

  it('mirrors exactly when A and B swap', () => {
    const cells = pairs(60, 9, 4, 30).map((x, i) => ({ ...x, score: x.result === 'pass' ? 0.6 + (i % 7) / 20 : (i % 5) / 20 }));
    const ab = compareVariants({ experimentId: 'e', a: 0, b: 1, cells });
    const ba = compareVariants({ experimentId: 'e', a: 1, b: 0, cells });
    expect(ba.passRate.ci).toEqual({ low: -ab.passRate.ci!.high, high: -ab.passRate.ci!.low });
    expect(ba.score.ci).toEqual({ low: -ab.score.ci!.high, high: -ab.score.ci!.low });
    expect(ba.mcnemar).toEqual({ aOnly: ab.mcnemar.bOnly, bOnly: ab.mcnemar.aOnly, pValue: ab.mcnemar.pValue });
    expect(ba.minDetectableDiff).toBe(ab.minDetectableDiff);
  });

  it('is deterministic and answers nulls without pairs', () => {
    const cells = pairs(50, 8, 3, 20);
    expect(compareVariants({ experimentId: 'e', a: 0, b: 1, cells })).toEqual(compareVariants({ experimentId: 'e', a: 0, b: 1, cells }));
    const none = compareVariants({ experimentId: 'e', a: 0, b: 1, cells: [cell(0, 'x', 'pass')] });
    expect(none).toMatchObject({
      pairs: 0, passRate: { a: null, b: null, diff: null, ci: null }, score: { a: null, b: null, diff: null, ci: null },
      mcnemar: { aOnly: 0, bOnly: 0, pValue: null }, verdict: 'inconclusive', minDetectableDiff: null,
    });
    expect(none.reason).toBe('No pairs are scored on both sides; at least 5 are needed for a verdict.');
  });
});
