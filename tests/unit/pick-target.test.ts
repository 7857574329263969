import { describe, expect, it } from 'vitest';
import { bucketOf, pickLabelTarget, stickyKey } from '@/lib/delivery/pick-target';

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

  it('salts keys per prompt and label: the canaries of two splits are independent', () => {
    const canary = [
      { versionNumber: 1, weight: 90 },
      { versionNumber: 2, weight: 10 },
    ];
    const canaries = (promptId: string, label: string) =>
      new Set(Array.from({ length: 10_000 }, (_, i) => `user-${i}`).filter((key) => pickLabelTarget(canary, stickyKey({ promptId, label, key })).versionNumber === 2));
    const a = canaries('prompt-a', 'production');
    const b = canaries('prompt-b', 'production');
    const c = canaries('prompt-a', 'staging');
    for (const other of [b, c]) {
      const both = [...a].filter((key) => other.has(key)).length;
      // Independent 10% picks share about 1% of keys (100 of 10,000); the same hash would share all ~1,000.
      expect(both).toBeGreaterThan(50);
      expect(both).toBeLessThan(160);
    }
    expect(stickyKey({ promptId: 'p', label: 'l', key: 'k' })).toBe(stickyKey({ promptId: 'p', label: 'l', key: 'k' }));
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
