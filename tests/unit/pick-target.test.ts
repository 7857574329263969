import { describe, expect, it } from 'vitest';
import { bucketOf, pickLabelTarget } from '@/lib/delivery/pick-target';

const split = [
  { versionNumber: 3, weight: 90 },
  { versionNumber: 4, weight: 10 },
];

describe('pickLabelTarget', () => {
  it('serves the one target of a plain label', () => {
    expect(pickLabelTarget([{ versionNumber: 7, weight: 100 }], 'any')).toEqual({ versionNumber: 7, weight: 100 });
  });

  it('is sticky for a key: the same key always gets the same version', () => {
    for (const key of ['user-1', 'user-2', 'ünïcode', 'x'.repeat(500)]) {
      const first = pickLabelTarget(split, key).versionNumber;
      for (let i = 0; i < 20; i += 1) expect(pickLabelTarget(split, key).versionNumber).toBe(first);
    }
  });

  it('spreads 10,000 keys within 2 points of the weights', () => {
    const three = [
      { versionNumber: 1, weight: 50 },
      { versionNumber: 2, weight: 30 },
      { versionNumber: 3, weight: 20 },
    ];
    const counts = new Map<number, number>();
    for (let i = 0; i < 10_000; i += 1) {
      const { versionNumber } = pickLabelTarget(three, `caller-${i}`);
      counts.set(versionNumber, (counts.get(versionNumber) ?? 0) + 1);
    }
    for (const { versionNumber, weight } of three) expect(Math.abs((counts.get(versionNumber) ?? 0) / 100 - weight)).toBeLessThanOrEqual(2);
  });

  it('picks by cumulative weight without a key', () => {
    expect(pickLabelTarget(split, undefined, () => 0).versionNumber).toBe(3);
    expect(pickLabelTarget(split, undefined, () => 0.899).versionNumber).toBe(3);
    expect(pickLabelTarget(split, undefined, () => 0.9).versionNumber).toBe(4);
    expect(pickLabelTarget(split, undefined, () => 0.9999).versionNumber).toBe(4);
  });

  it('is random without a key (both sides of a 50/50 split come up)', () => {
    const half = [
      { versionNumber: 1, weight: 50 },
      { versionNumber: 2, weight: 50 },
    ];
    const seen = new Set(Array.from({ length: 200 }, () => pickLabelTarget(half).versionNumber));
    expect(seen).toEqual(new Set([1, 2]));
  });

  it('buckets are 0..99 and depend on the key only', () => {
    expect(bucketOf('abc')).toBe(bucketOf('abc'));
    for (let i = 0; i < 1000; i += 1) {
      const bucket = bucketOf(String(i));
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(100);
    }
  });
});
