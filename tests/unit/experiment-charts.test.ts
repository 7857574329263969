import { describe, expect, it } from 'vitest';
import { costLatencyPoints, histogram, linearScale, niceTicks, scoresByVariant } from '@/components/experiments/chart-scale';
import type { Cell } from '@/lib/client/experiment-types';

const cell = (over: Partial<Cell>): Cell =>
  ({ id: 'c', itemId: 'i', variant: 0, repeat: 0, runId: null, status: 'succeeded', runStatus: 'succeeded', output: '', outputTruncated: false,
    latencyMs: 100, costUsd: 0.01, usage: null, results: [], pass: true, result: 'pass', score: 0.5, reused: false, errorCode: null, errorMessage: null, ...over }) as Cell;

describe('chart scales', () => {
  it('maps a domain onto a range, inverted ranges included', () => {
    const y = linearScale([0, 1], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(0.25)).toBe(75);
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5);
  });
  it('makes round ticks covering the maximum', () => {
    expect(niceTicks(1, 4)).toEqual([0, 0.5, 1]);
    expect(niceTicks(1000, 4)).toEqual([0, 500, 1000]);
    expect(niceTicks(0.03, 3)).toEqual([0, 0.01, 0.02, 0.03]);
    expect(niceTicks(730, 4)).toEqual([0, 200, 400, 600, 800]);
    expect(niceTicks(0)).toEqual([0]);
  });
  it('bins scores, 1 in the last bin', () => {
    expect(histogram([0, 0.05, 0.5, 0.99, 1], 10)).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(histogram([0.3, Number.NaN], 2)).toEqual([1, 0]);
  });
  it('leaves errored, pending and evaluator-error cells out of score distributions', () => {
    const scores = scoresByVariant(
      [cell({ variant: 0, score: 1 }), cell({ variant: 1, score: 0.2 }), cell({ variant: 1, status: 'errored', score: null }), cell({ variant: 1, result: 'error', score: 0 })],
      2,
    );
    expect(scores).toEqual([[1], [0.2]]);
  });
  it('plots only cells that ran with a known cost, thinned to the cap', () => {
    const cells = [cell({ id: 'a' }), cell({ id: 'b', reused: true }), cell({ id: 'c', costUsd: null }), cell({ id: 'd', status: 'errored' })];
    expect(costLatencyPoints(cells).map((p) => p.id)).toEqual(['a']);
    const many = Array.from({ length: 100 }, (_, i) => cell({ id: String(i) }));
    expect(costLatencyPoints(many, 10)).toHaveLength(10);
  });
});
