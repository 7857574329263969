import { describe, expect, it } from 'vitest';
import { diffTextBounded, MAX_WORD_DIFF_CHARS, type TextDiff } from '@/lib/diff/word-diff';

const side = (diff: TextDiff, kind: 'added' | 'removed') =>
  diff.parts.filter((p) => p.kind === 'same' || p.kind === kind).map((p) => p.text).join('');

// A reproducible text of `n` characters from a small vocabulary (two seeds give two unrelated texts).
function text(n: number, seed: number): string {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'the', 'quick', 'brown', 'fox', 'jumps', 'over', 'lazy', 'dog', '\n'];
  let out = '';
  let x = seed;
  while (out.length < n) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += `${words[x % words.length]} `;
  }
  return out.slice(0, n);
}

describe('diffTextBounded', () => {
  it('marks the changed words and keeps the rest', () => {
    const diff = diffTextBounded('The quick brown fox jumps.', 'The slow brown fox leaps.');
    expect(diff.granularity).toBe('word');
    expect(diff.parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['quick', 'jumps']);
    expect(diff.parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['slow', 'leaps']);
  });

  it('rebuilds both texts exactly from its parts', () => {
    const a = 'Hello world,\nthis is  a test.\n\nBye';
    const b = 'Hello there world,\nthis was a test!\nBye now';
    const diff = diffTextBounded(a, b);
    expect(side(diff, 'removed')).toBe(a);
    expect(side(diff, 'added')).toBe(b);
  });

  it('never splits a word at the shared start or end', () => {
    const diff = diffTextBounded('one cat two', 'one cats two');
    expect(diff.parts).toEqual([
      { kind: 'same', text: 'one ' },
      { kind: 'removed', text: 'cat' },
      { kind: 'added', text: 'cats' },
      { kind: 'same', text: ' two' },
    ]);
  });

  it('says when the texts are the same, and handles empty sides', () => {
    expect(diffTextBounded('same text', 'same text')).toEqual({ parts: [{ kind: 'same', text: 'same text' }], granularity: 'word', added: 0, removed: 0 });
    expect(diffTextBounded('', 'new')).toMatchObject({ parts: [{ kind: 'added', text: 'new' }], added: 3, removed: 0 });
    expect(diffTextBounded('old', '')).toMatchObject({ parts: [{ kind: 'removed', text: 'old' }], added: 0, removed: 3 });
  });

  it('finds one changed word in two 200,000-character texts word by word', () => {
    const a = text(200_000, 1);
    const b = `${a.slice(0, 100_000)} inserted ${a.slice(100_000)}`;
    const started = performance.now();
    const diff = diffTextBounded(a, b);
    expect(performance.now() - started).toBeLessThan(200);
    expect(diff.granularity).toBe('word');
    expect(diff.parts.filter((p) => p.kind !== 'same').map((p) => p.text.trim())).toEqual(['inserted']);
  });

  it('stays bounded on two unrelated 200,000-character texts, falling back to lines or a block', () => {
    const a = text(200_000, 1);
    const b = text(200_000, 2);
    const started = performance.now();
    const diff = diffTextBounded(a, b);
    // ~50 ms on an idle core; generous for a shared CI machine, still far below an unbounded Myers run (seconds).
    expect(performance.now() - started).toBeLessThan(400);
    expect(diff.granularity).not.toBe('word');
    expect(side(diff, 'removed')).toBe(a);
    expect(side(diff, 'added')).toBe(b);
  });

  it('compares a long differing middle line by line', () => {
    const a = `${'word '.repeat(MAX_WORD_DIFF_CHARS / 5)}\nend`;
    const b = `${'other '.repeat(MAX_WORD_DIFF_CHARS / 5)}\nend`;
    expect(diffTextBounded(a, b).granularity).not.toBe('word');
  });
});
