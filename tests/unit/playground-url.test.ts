import { describe, expect, it } from 'vitest';
import { parseCompareParam, parseVersionParam, withQuery } from '@/app/(workspace)/prompts/[id]/_components/playground-url';
import { valuesFromRun } from '@/app/(workspace)/prompts/[id]/_components/run-variables';

describe('parseVersionParam', () => {
  it('opens a saved version other than the current one', () => {
    expect(parseVersionParam('2', 4, 4)).toBe(2);
    expect(parseVersionParam('4', 4, 4)).toBeNull();
    expect(parseVersionParam('5', 4, 4)).toBeNull();
    expect(parseVersionParam('1.5', 4, 4)).toBeNull();
    expect(parseVersionParam(null, 4, 4)).toBeNull();
  });
});

describe('parseCompareParam', () => {
  it('reads two existing versions', () => {
    expect(parseCompareParam('2..4', 4)).toEqual({ from: 2, to: 4 });
    expect(parseCompareParam('4..1', 4)).toEqual({ from: 4, to: 1 });
  });

  it('ignores anything else', () => {
    for (const text of ['2..5', '0..1', '2-4', '2..', 'x..y', '', null]) expect(parseCompareParam(text, 4)).toBeNull();
  });
});

describe('withQuery', () => {
  it('sets and removes parameters, keeping the others', () => {
    expect(withQuery('http://x.test/prompts/p?version=2&fromRun=r', { fromRun: null, compare: '2..4' })).toBe('/prompts/p?version=2&compare=2..4');
    expect(withQuery('http://x.test/prompts/p?compare=1..2', { compare: null })).toBe('/prompts/p');
  });
});

describe('valuesFromRun', () => {
  it("fills the form from a run's variables", () => {
    expect(valuesFromRun({ text: 'hi', n: 2, flag: true, data: { a: 1 } })).toEqual({ text: 'hi', n: '2', flag: true, data: '{\n  "a": 1\n}' });
  });
});
