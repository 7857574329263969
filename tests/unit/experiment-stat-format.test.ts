import { describe, expect, it } from 'vitest';
import { formatCi, formatEta, formatP, formatPct, formatPts, formatScore } from '@/app/(workspace)/experiments/[id]/_components/stat-format';

describe('experiment stat formats', () => {
  it('percentages, points and intervals', () => {
    expect(formatPct(0.8312)).toBe('83%');
    expect(formatPct(0.8312, 1)).toBe('83.1%');
    expect(formatPct(null)).toBe('—');
    expect(formatPts(-0.733)).toBe('−73.3 pts');
    expect(formatPts(0.125)).toBe('+12.5 pts');
    expect(formatPts(0)).toBe('±0.0 pts');
    expect(formatCi({ low: 0.11, high: 0.52 })).toBe('11%–52%');
    expect(formatCi({ low: 0.07, high: 0.471 }, false)).toBe('0.07–0.47');
    expect(formatCi(null)).toBe('');
    expect(formatScore(1)).toBe('1.00');
  });
  it('p-values', () => {
    expect(formatP(0.0004)).toBe('< 0.001');
    expect(formatP(0.04512)).toBe('0.045');
    expect(formatP(null)).toBe('—');
  });
  it('time left', () => {
    expect(formatEta(null)).toBeNull();
    expect(formatEta(0.2)).toBe('almost done');
    expect(formatEta(12.2)).toBe('13 s left');
    expect(formatEta(130)).toBe('about 2 min left');
    expect(formatEta(5400)).toBe('about 1.5 h left');
  });
});
