import { describe, expect, it } from 'vitest';
import { defaultToText, parseDefault } from '@/app/(workspace)/prompts/[id]/_components/variable-default';

describe('parseDefault', () => {
  it('reads numbers, and says so in plain words when the text is not one', () => {
    expect(parseDefault('number', ' 2.5 ')).toEqual({ ok: true, value: 2.5 });
    expect(parseDefault('number', '1e')).toEqual({ ok: false, message: 'Must be a number, such as 3 or 0.5' });
    expect(parseDefault('number', '')).toEqual({ ok: true, value: undefined });
  });

  it('reads JSON without echoing the parser’s wording', () => {
    expect(parseDefault('json', '{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    const bad = parseDefault('json', '{a:1}');
    expect(bad).toEqual({ ok: false, message: 'Not valid JSON: check the quotes, commas and brackets' });
  });

  it('round-trips a default through its text', () => {
    expect(parseDefault('number', defaultToText('number', 7))).toEqual({ ok: true, value: 7 });
    expect(parseDefault('json', defaultToText('json', [1, 'x']))).toEqual({ ok: true, value: [1, 'x'] });
  });
});
