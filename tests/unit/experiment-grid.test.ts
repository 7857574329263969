import { describe, expect, it } from 'vitest';
import { buildGridRows, cellOutcome, filterCounts, filterRows, inputPreview, NO_GRID_FILTERS, rowDisagrees } from '@/components/experiments/grid-model';
import type { Cell, ExperimentItem } from '@/lib/client/experiment-types';

const item = (n: number, input: Record<string, unknown> = { topic: `t${n}` }): ExperimentItem => ({
  itemId: `i${n}`,
  position: n,
  input,
  expected: null,
  metadata: {},
});

function cell(itemId: string, variant: number, repeat: number, over: Partial<Cell> = {}): Cell {
  return {
    id: `${itemId}-${variant}-${repeat}`,
    itemId,
    variant,
    repeat,
    runId: 'r',
    status: 'succeeded',
    runStatus: 'succeeded',
    output: 'out',
    outputTruncated: false,
    latencyMs: 10,
    costUsd: 0.001,
    usage: null,
    results: [],
    pass: true,
    result: 'pass',
    score: 1,
    reused: false,
    errorCode: null,
    errorMessage: null,
    ...over,
  };
}
const fail = { pass: false, result: 'fail' as const, score: 0 };
const errored = { status: 'errored' as const, pass: null, result: null, score: null, output: null };

describe('buildGridRows', () => {
  it('orders items by position and places each cell by variant and repeat', () => {
    const rows = buildGridRows([item(2), item(1)], [cell('i1', 1, 1, { output: 'b' }), cell('i2', 0, 0, { output: 'a' })], 2, 2);
    expect(rows.map((r) => r.item.itemId)).toEqual(['i1', 'i2']);
    expect(rows[0]?.cells[1]?.[1]?.output).toBe('b');
    expect(rows[0]?.cells[0]).toEqual([null, null]);
    expect(rows[1]?.cells[0]?.[0]?.output).toBe('a');
  });
  it('drops cells of items not loaded yet and repeats out of range', () => {
    const rows = buildGridRows([item(1)], [cell('i9', 0, 0), cell('i1', 0, 5)], 1, 1);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.cells[0]).toEqual([null]);
  });
});

describe('rowDisagrees', () => {
  it('is true when one variant passes and another fails on the same repeat', () => {
    const [row] = buildGridRows([item(1)], [cell('i1', 0, 0), cell('i1', 1, 0, fail)], 2, 1);
    expect(row && rowDisagrees(row)).toBe(true);
  });
  it('ignores errors: an error is not a failure', () => {
    const [row] = buildGridRows([item(1)], [cell('i1', 0, 0), cell('i1', 1, 0, errored)], 2, 1);
    expect(row && rowDisagrees(row)).toBe(false);
  });
  it('pairs by repeat: different repeats disagreeing within one variant is not a variant disagreement', () => {
    const [row] = buildGridRows(
      [item(1)],
      [cell('i1', 0, 0), cell('i1', 0, 1, fail), cell('i1', 1, 0), cell('i1', 1, 1, fail)],
      2,
      2,
    );
    expect(row && rowDisagrees(row)).toBe(false);
  });
});

describe('filterRows', () => {
  const rows = buildGridRows(
    [item(1), item(2), item(3, { topic: 'Zebras' })],
    [
      cell('i1', 0, 0),
      cell('i1', 1, 0, fail),
      cell('i2', 0, 0, errored),
      cell('i2', 1, 0),
      cell('i3', 0, 0, { output: 'all good' }),
      cell('i3', 1, 0, { result: 'error', pass: null, score: null }),
    ],
    2,
    1,
  );
  const ids = (f: Partial<typeof NO_GRID_FILTERS>) => filterRows(rows, { ...NO_GRID_FILTERS, ...f }).map((r) => r.item.itemId);

  it('keeps everything with no filter', () => expect(ids({})).toEqual(['i1', 'i2', 'i3']));
  it('failures only leaves errored rows out', () => expect(ids({ failures: true })).toEqual(['i1']));
  it('errors include evaluator errors', () => expect(ids({ errors: true })).toEqual(['i2', 'i3']));
  it('disagree', () => expect(ids({ disagree: true })).toEqual(['i1']));
  it('search looks in inputs and outputs, case-insensitively', () => {
    expect(ids({ q: 'zebra' })).toEqual(['i3']);
    expect(ids({ q: 'ALL GOOD' })).toEqual(['i3']);
  });
  it('combines filters with AND', () => expect(ids({ errors: true, q: 't2' })).toEqual(['i2']));
  it('counts rows per filter', () => expect(filterCounts(rows)).toEqual({ failures: 1, disagree: 1, errors: 2 }));
});

describe('cellOutcome and inputPreview', () => {
  it('names each state', () => {
    expect(cellOutcome(null)).toBe('pending');
    expect(cellOutcome(cell('i', 0, 0, errored))).toBe('error');
    expect(cellOutcome(cell('i', 0, 0, fail))).toBe('fail');
    expect(cellOutcome(cell('i', 0, 0, { status: 'canceled' }))).toBe('canceled');
    expect(cellOutcome(cell('i', 0, 0, { result: null, pass: null }))).toBe('done');
  });
  it('joins variables and clips long inputs', () => {
    expect(inputPreview({ a: 'x', b: { c: 1 } })).toBe('a: x · b: {"c":1}');
    expect(inputPreview({ a: 'y'.repeat(50) }, 10)).toBe('a: yyyyyy…');
  });
});
