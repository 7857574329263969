import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval, pairedBootstrapDiffInterval } from '@/lib/stats/bootstrap';
import { createRandom, hashSeed } from '@/lib/stats/prng';

const scores200 = Array.from({ length: 200 }, (_, i) => ((i * 7) % 10) / 10); // mean 0.45

describe('seeded PRNG', () => {
  it('repeats a sequence for a seed and differs between nearby seeds', () => {
    const take = (seed: string) => { const r = createRandom(seed); return Array.from({ length: 5 }, () => r()); };
    expect(take('exp:0')).toEqual(take('exp:0'));
    expect(take('exp:0')).not.toEqual(take('exp:1'));
    expect(hashSeed('exp:0')).not.toBe(hashSeed('exp:1'));
  });

  it('is roughly uniform on [0, 1)', () => {
    const r = createRandom('uniform');
    const bins = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r();
      if (!(x >= 0 && x < 1)) outside++;
      else bins[Math.floor(x * 10)]!++;
    }
    expect(outside).toBe(0);
    // Each bin expects 10,000 (sd ≈ 95); ±500 is over 5 sd.
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe('bootstrapMeanInterval', () => {
  it('is deterministic for a seed and moves with the seed', () => {
    const first = bootstrapMeanInterval(scores200, { seed: 'e1:0' });
    expect(bootstrapMeanInterval(scores200, { seed: 'e1:0' })).toEqual(first);
    expect(bootstrapMeanInterval(scores200, { seed: 'e1:1' })).not.toEqual(first);
  });

  it('agrees with scipy.stats.bootstrap (percentile, 200,000 resamples) within Monte Carlo error', () => {
    // scipy 1.17.1: bootstrap((x,), np.mean, method='percentile', n_resamples=200000) → [0.41, 0.49]
    const ci = bootstrapMeanInterval(scores200, { seed: 'scipy-check' })!;
    expect(ci.low).toBeCloseTo(0.41, 2);
    expect(ci.high).toBeCloseTo(0.49, 2);
    // 30 ones and 10 zeros: scipy → [0.6, 0.875]
    const binary = [...new Array<number>(30).fill(1), ...new Array<number>(10).fill(0)];
    const b = bootstrapMeanInterval(binary, { seed: 'scipy-check' })!;
    expect(Math.abs(b.low - 0.6)).toBeLessThanOrEqual(0.026);
    expect(Math.abs(b.high - 0.875)).toBeLessThanOrEqual(0.026);
  });

  it('contains the mean and narrows as n grows', () => {
    const widths = [20, 200, 2000].map((n) => {
      const values = Array.from({ length: n }, (_, i) => ((i * 7) % 10) / 10);
      const mean = values.reduce((s, x) => s + x, 0) / n;
      const ci = bootstrapMeanInterval(values, { seed: `n${n}` })!;
      expect(ci.low).toBeLessThanOrEqual(mean);
      expect(ci.high).toBeGreaterThanOrEqual(mean);
      return ci.high - ci.low;
    });
    expect(widths[1]!).toBeLessThan(widths[0]! * 0.5);
    expect(widths[2]!).toBeLessThan(widths[1]! * 0.5);
  });

  it('depends on the values, not their order (rows arrive in any order)', () => {
    const reversed = [...scores200].reverse();
    expect(bootstrapMeanInterval(reversed, { seed: 'order' })).toEqual(bootstrapMeanInterval(scores200, { seed: 'order' }));
  });

  it('gives a point for constant data and null for none', () => {
    expect(bootstrapMeanInterval([0.7, 0.7, 0.7], { seed: 's' })).toEqual({ low: 0.7, high: 0.7 });
    expect(bootstrapMeanInterval([], { seed: 's' })).toBeNull();
  });

  it('bounds its work: 50,000 values finish quickly, more are refused', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => (i % 3) / 2);
    const started = performance.now();
    const ci = bootstrapMeanInterval(many, { seed: 'big' })!;
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(ci.low).toBeLessThan(0.5);
    expect(ci.high).toBeGreaterThan(0.5);
    expect(() => bootstrapMeanInterval(new Array<number>(50_001).fill(0), { seed: 'big' })).toThrow(RangeError);
  });
});

describe('pairedBootstrapDiffInterval', () => {
  // b spreads over [0, 1); a adds 0.3 (capped at 1) on every third pair: mean difference 0.0835.
  const b = Array.from({ length: 120 }, (_, i) => ((i * 37) % 100) / 100);
  const a = b.map((x, i) => (i % 3 === 0 ? Math.min(1, x + 0.3) : x));

  it('matches scipy.stats.bootstrap on the differences within Monte Carlo error', () => {
    // scipy 1.17.1 on d = a − b, percentile, 200,000 resamples → [0.060917, 0.107167]
    const ci = pairedBootstrapDiffInterval(a, b, { seed: 'paired' })!;
    expect(Math.abs(ci.low - 0.060917)).toBeLessThan(0.005);
    expect(Math.abs(ci.high - 0.107167)).toBeLessThan(0.005);
  });

  it('is much narrower than unpaired intervals would suggest (pairing removes the item spread)', () => {
    const paired = pairedBootstrapDiffInterval(a, b, { seed: 'paired' })!;
    const ciA = bootstrapMeanInterval(a, { seed: 'a' })!;
    expect(paired.low).toBeGreaterThan(0);
    expect(paired.high - paired.low).toBeLessThan((ciA.high - ciA.low) / 2);
  });

  it('refuses samples of different lengths', () => {
    expect(() => pairedBootstrapDiffInterval([1], [1, 0], { seed: 'x' })).toThrow(RangeError);
  });
});
