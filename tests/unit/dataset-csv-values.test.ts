import { describe, expect, it } from 'vitest';
import { expectedFromCsv, expectedToCsv } from '@/lib/datasets/csv-values';

describe('CSV expected values', () => {
  it('round-trips any expected value through its cell', () => {
    const values: unknown[] = [
      42, -1.5, 0, 1e21, 1e-7, true, false, { facts: ['a', 'b'] }, [1, 2], [], {}, 'plain text', 'Twice a day',
      // Text that looks like JSON stays text.
      '42', 'true', 'false', 'null', '{"k":1}', '[1]', '"quoted"', ' 42', '', ' ', '0', '-0', '1.0', 'ünïcödé ✓', 'line\nbreak',
    ];
    for (const value of values) expect(expectedFromCsv(expectedToCsv(value)), JSON.stringify(value)).toEqual(value);
  });

  it('writes text as it is unless it would read back as something else', () => {
    expect(expectedToCsv('Twice a day')).toBe('Twice a day');
    expect(expectedToCsv('042')).toBe('042');
    expect(expectedToCsv('42')).toBe('"42"');
    expect(expectedToCsv('{"k":1}')).toBe('"{\\"k\\":1}"');
    expect(expectedToCsv('')).toBe('""');
    expect(expectedToCsv(42)).toBe('42');
    expect(expectedToCsv(null)).toBe('');
  });

  it('reads a hand-written cell: JSON as JSON only when JSON would write it that way', () => {
    expect(expectedFromCsv('42')).toBe(42);
    expect(expectedFromCsv('true')).toBe(true);
    expect(expectedFromCsv(' {"k": 1} ')).toEqual({ k: 1 });
    expect(expectedFromCsv('"hi"')).toBe('hi');
    for (const text of ['042', '1.0', '1e3', '12345678901234567890', 'null', ' 42', '{broken', '"a" and "b"', 'Phobos']) {
      expect(expectedFromCsv(text), text).toBe(text);
    }
  });
});
