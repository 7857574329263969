import { describe, expect, it } from 'vitest';
import { etaSeconds } from '@/lib/experiments/eta';

const start = new Date('2026-12-01T10:00:00.000Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

describe('etaSeconds', () => {
  it('extrapolates the pace so far: 30 of 300 in 10 s leaves 90 s', () => {
    expect(etaSeconds({ startedAt: start, now: at(10), done: 30, total: 300 })).toBe(90);
    // Accepts the ISO strings the API carries, and rounds up.
    expect(etaSeconds({ startedAt: start.toISOString(), now: at(10).getTime(), done: 7, total: 10 })).toBe(5);
  });

  it('is null before a few cells finished or before the start', () => {
    expect(etaSeconds({ startedAt: start, now: at(10), done: 2, total: 300 })).toBeNull();
    expect(etaSeconds({ startedAt: null, now: at(10), done: 50, total: 300 })).toBeNull();
    expect(etaSeconds({ startedAt: start, now: start, done: 50, total: 300 })).toBeNull();
    expect(etaSeconds({ startedAt: 'not a date', now: at(10), done: 50, total: 300 })).toBeNull();
  });

  it('is 0 once everything is done', () => {
    expect(etaSeconds({ startedAt: start, now: at(10), done: 300, total: 300 })).toBe(0);
    expect(etaSeconds({ startedAt: null, now: at(10), done: 0, total: 0 })).toBe(0);
  });
});
