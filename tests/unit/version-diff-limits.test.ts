import { describe, expect, it, vi } from 'vitest';

// Counts how often the line diff itself runs: a too-large prompt must not reach it.
const diffArrays = vi.hoisted(() => ({ calls: 0 }));
vi.mock('diff', async (importOriginal) => {
  const actual = await importOriginal<typeof import('diff')>();
  return {
    ...actual,
    diffArrays: (...args: Parameters<typeof actual.diffArrays>) => {
      diffArrays.calls += 1;
      return actual.diffArrays(...args);
    },
  };
});

const { diffText, diffVersions, MAX_DIFF_CHARS, MAX_DIFF_LINES } = await import('@/lib/diff/version-diff');

const lines = (n: number, line = (i: number) => `line ${i}`) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
const version = (userPrompt: string, systemPrompt = 'Be brief.') => ({ systemPrompt, userPrompt, variables: [], model: { provider: 'local', model: 'm' } });

describe('diff size limit', () => {
  it('answers a side over MAX_DIFF_LINES lines as too large, without diffing or listing lines', () => {
    const before = diffArrays.calls;
    const diff = diffText(lines(10), lines(MAX_DIFF_LINES + 1));
    expect(diff).toEqual({ lines: [], added: 0, removed: 0, tooLarge: true, lineCounts: { old: 10, new: MAX_DIFF_LINES + 1 } });
    expect(diffArrays.calls).toBe(before);
  });

  it('answers a side over MAX_DIFF_CHARS characters as too large, however few lines it has', () => {
    expect(diffText('x'.repeat(MAX_DIFF_CHARS + 1), 'y')).toMatchObject({ tooLarge: true, lineCounts: { old: 1, new: 1 } });
  });

  it('still diffs a prompt of exactly MAX_DIFF_LINES lines', () => {
    const diff = diffText(lines(MAX_DIFF_LINES), lines(MAX_DIFF_LINES, (i) => (i === 7 ? 'changed' : `line ${i}`)));
    expect(diff.tooLarge).toBeUndefined();
    expect(diff).toMatchObject({ added: 1, removed: 1 });
  });

  it('keeps `identical` right for prompts too large to diff, and diffs the other prompt as usual', () => {
    const big = lines(MAX_DIFF_LINES * 2);
    expect(diffVersions(version(big), version(big)).identical).toBe(true);
    const changed = diffVersions(version(big), version(`${big}!`, 'Be briefer.'));
    expect(changed.identical).toBe(false);
    expect(changed.userPrompt.tooLarge).toBe(true);
    expect(changed.systemPrompt).toMatchObject({ added: 1, removed: 1 });
    expect(changed.maxLines).toBe(MAX_DIFF_LINES);
  });
});
