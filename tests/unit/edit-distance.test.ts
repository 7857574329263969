import { describe, expect, it } from 'vitest';
import { editDistance } from '@/lib/evaluators/edit-distance';

/** The textbook table, as the reference. */
function reference(a: readonly string[], b: readonly string[]): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

// A small seeded generator, so a failure reproduces.
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('editDistance', () => {
  it('matches known values', () => {
    const d = (a: string, b: string) => editDistance(Array.from(a), Array.from(b));
    expect(d('kitten', 'sitting')).toBe(3);
    expect(d('flaw', 'lawn')).toBe(2);
    expect(d('', 'abc')).toBe(3);
    expect(d('abc', '')).toBe(3);
    expect(d('same', 'same')).toBe(0);
    expect(d('😀a', 'a')).toBe(1); // code points
  });
  it('agrees with the table on random strings across block boundaries', () => {
    const random = rng(42);
    for (let t = 0; t < 600; t++) {
      const alphabet = 'abcd'.slice(0, 1 + Math.floor(random() * 4));
      const len = () => Math.floor(random() * (t < 300 ? 40 : 140));
      const make = () => Array.from({ length: len() }, () => alphabet[Math.floor(random() * alphabet.length)]!);
      const a = make();
      const b = make();
      expect(editDistance(a, b), `${a.join('')} / ${b.join('')}`).toBe(reference(a, b));
    }
  });
  it('takes milliseconds on two different 10,000-character texts', () => {
    const random = rng(7);
    const a = Array.from({ length: 10_000 }, () => 'abcdefgh'[Math.floor(random() * 8)]!);
    const b = Array.from({ length: 10_000 }, () => 'abcdefgh'[Math.floor(random() * 8)]!);
    const started = performance.now();
    const distance = editDistance(a, b);
    expect(performance.now() - started).toBeLessThan(500);
    expect(distance).toBeGreaterThan(3_000);
    expect(editDistance(a.slice(0, 300), b.slice(0, 300))).toBe(reference(a.slice(0, 300), b.slice(0, 300)));
  });
});
