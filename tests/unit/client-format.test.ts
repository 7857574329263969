import { describe, expect, it } from 'vitest';
import { formatCost, formatCount } from '@/lib/client/format';

describe('formatCost', () => {
  it('shows a cost with at most four decimals below a dollar and cents above', () => {
    expect(formatCost(0.0012)).toBe('$0.0012');
    expect(formatCost(0.00125)).toBe('$0.0013');
    expect(formatCost(0.05)).toBe('$0.05');
    expect(formatCost(0.1)).toBe('$0.10');
    expect(formatCost(12.3456)).toBe('$12.35');
    expect(formatCost(1234.5)).toBe('$1,234.50');
  });

  it('says "< $0.0001" for a sliver, "$0" for free and "unknown" for an unknown price', () => {
    expect(formatCost(0.000003)).toBe('< $0.0001');
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(null)).toBe('unknown');
    expect(formatCost(Number.NaN)).toBe('unknown');
  });
});

describe('formatCount', () => {
  it('groups thousands the same way for every viewer', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });
});
