import { describe, expect, it } from 'vitest';
import { probit } from 'simple-statistics';
import { Z_80, Z_975 } from '@/lib/stats/normal';
import { wilsonInterval } from '@/lib/stats/wilson';

describe('normal quantiles', () => {
  it('match scipy.stats.norm.ppf(0.975) and norm.ppf(0.8) (scipy 1.17.1)', () => {
    expect(Z_975).toBeCloseTo(1.959963984540054, 14);
    expect(Z_80).toBeCloseTo(0.8416212335729143, 14);
  });

  it('are constants because simple-statistics probit is off in the third decimal (why normal.ts exists)', () => {
    expect(Math.abs(probit(0.975) - Z_975)).toBeGreaterThan(1e-3);
  });
});

describe('wilsonInterval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857, Table I, method 3;
  // all digits below from scipy.stats.binomtest(k, n).proportion_ci(method='wilson') (scipy 1.17.1).
  const cases: [number, number, number, number][] = [
    [81, 263, 0.2552885198782742, 0.36620957698280004], // Newcombe: 0.2553–0.3662
    [15, 148, 0.06238639953073629, 0.16048724172330803], // Newcombe: 0.0624–0.1605
    [0, 20, 0, 0.16112515805281935], // Newcombe: 0–0.1611
    [1, 29, 0.006113214292762667, 0.17175521879320282], // Newcombe: 0.0061–0.1718
    [10, 10, 0.7224672001371109, 1],
    [50, 100, 0.4038315303659956, 0.5961684696340044],
    [999, 1000, 0.9943574414020421, 0.9998234536293739],
    [1, 1, 0.20654931437723745, 1],
    [29, 30, 0.8332960900859083, 0.9940914096183875],
  ];

  it.each(cases)('%i of %i → [%f, %f]', (k, n, low, high) => {
    const ci = wilsonInterval(k, n)!;
    expect(ci.low).toBeCloseTo(low, 12);
    expect(ci.high).toBeCloseTo(high, 12);
  });

  it('stays inside [0, 1] and contains the observed rate', () => {
    for (const [k, n] of [[0, 1], [1, 1], [0, 50_000], [50_000, 50_000], [7, 13]] as const) {
      const ci = wilsonInterval(k, n)!;
      expect(ci.low).toBeGreaterThanOrEqual(0);
      expect(ci.high).toBeLessThanOrEqual(1);
      expect(ci.low).toBeLessThanOrEqual(k / n);
      expect(ci.high).toBeGreaterThanOrEqual(k / n);
    }
  });

  it('is null without trials or with impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(3, 2)).toBeNull();
    expect(wilsonInterval(-1, 2)).toBeNull();
  });
});
