import { describe, expect, it } from 'vitest';
import { cellPatch, cellText, gridColumns, isEditKey, moveActive, typedCharacter } from '@/components/datasets/grid-model';
import type { DatasetItem } from '@/lib/client/dataset-types';

const item = (over: Partial<DatasetItem> = {}): DatasetItem => ({
  id: 'i1',
  position: 0,
  input: { topic: 'tides', n: 3 },
  expected: null,
  metadata: {},
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...over,
});

describe('grid columns', () => {
  it('puts the variables (and ones added in the page, once) before expected and metadata', () => {
    expect(gridColumns(['n', 'topic'], ['tone', 'topic']).map((c) => c.key)).toEqual(['input.n', 'input.topic', 'input.tone', 'expected', 'metadata']);
  });
});

describe('cell text and patches', () => {
  const [n, topic, , expected, metadata] = gridColumns(['n', 'topic'], ['tone']);

  it('shows strings as they are, other values as JSON, and empty metadata or null expected as nothing', () => {
    expect(cellText(item(), topic!)).toBe('tides');
    expect(cellText(item(), n!)).toBe('3');
    expect(cellText(item(), expected!)).toBe('');
    expect(cellText(item(), metadata!)).toBe('');
    expect(cellText(item({ expected: { a: 1 } }), expected!)).toBe('{"a":1}');
  });

  it('makes no request when the text did not change', () => {
    expect(cellPatch(item(), topic!, 'tides')).toBeNull();
    expect(cellPatch(item(), n!, '3')).toBeNull();
  });

  it('keeps the other variables and the value type: text stays text, a number stays JSON', () => {
    expect(cellPatch(item(), topic!, '42')).toEqual({ body: { input: { topic: '42', n: 3 } } });
    expect(cellPatch(item(), n!, '4')).toEqual({ body: { input: { topic: 'tides', n: 4 } } });
    // Text that is not JSON in a JSON cell is kept as text rather than refused.
    expect(cellPatch(item(), n!, 'four')).toEqual({ body: { input: { topic: 'tides', n: 'four' } } });
  });

  it('writes a new variable into the input', () => {
    const tone = gridColumns(['n', 'topic'], ['tone'])[2]!;
    expect(cellPatch(item(), tone, 'calm')).toEqual({ body: { input: { topic: 'tides', n: 3, tone: 'calm' } } });
  });

  it('clears expected to null, and parses JSON back into a JSON expected value', () => {
    expect(cellPatch(item({ expected: 'x' }), expected!, '')).toEqual({ body: { expected: null } });
    expect(cellPatch(item({ expected: { a: 1 } }), expected!, '{"a":2}')).toEqual({ body: { expected: { a: 2 } } });
    expect(cellPatch(item({ expected: 'old' }), expected!, '{"a":2}')).toEqual({ body: { expected: '{"a":2}' } });
  });

  it('accepts metadata only as a JSON object', () => {
    expect(cellPatch(item(), metadata!, '{"source":"web"}')).toEqual({ body: { metadata: { source: 'web' } } });
    expect(cellPatch(item({ metadata: { a: 1 } }), metadata!, '')).toEqual({ body: { metadata: {} } });
    expect(cellPatch(item(), metadata!, '[1]')).toEqual({ error: expect.stringContaining('JSON object') });
    expect(cellPatch(item(), metadata!, '{oops')).toEqual({ error: expect.stringContaining('valid JSON') });
  });
});

describe('keyboard movement', () => {
  const size = { rows: 100, cols: 4 };
  it('moves one cell with the arrows and stops at the edges', () => {
    expect(moveActive({ row: 5, col: 1 }, { key: 'ArrowDown' }, size)).toEqual({ row: 6, col: 1 });
    expect(moveActive({ row: 5, col: 1 }, { key: 'ArrowUp' }, size)).toEqual({ row: 4, col: 1 });
    expect(moveActive({ row: 5, col: 1 }, { key: 'ArrowRight' }, size)).toEqual({ row: 5, col: 2 });
    expect(moveActive({ row: 0, col: 0 }, { key: 'ArrowUp' }, size)).toEqual({ row: 0, col: 0 });
    expect(moveActive({ row: 0, col: 0 }, { key: 'ArrowLeft' }, size)).toEqual({ row: 0, col: 0 });
    expect(moveActive({ row: 99, col: 3 }, { key: 'ArrowDown' }, size)).toEqual({ row: 99, col: 3 });
    expect(moveActive({ row: 99, col: 3 }, { key: 'ArrowRight' }, size)).toEqual({ row: 99, col: 3 });
  });

  it('goes to the ends with Home/End and Ctrl or ⌘, and a page with PageUp/PageDown', () => {
    expect(moveActive({ row: 5, col: 2 }, { key: 'Home' }, size)).toEqual({ row: 5, col: 0 });
    expect(moveActive({ row: 5, col: 1 }, { key: 'End' }, size)).toEqual({ row: 5, col: 3 });
    expect(moveActive({ row: 5, col: 2 }, { key: 'Home', ctrlKey: true }, size)).toEqual({ row: 0, col: 0 });
    expect(moveActive({ row: 5, col: 1 }, { key: 'End', metaKey: true }, size)).toEqual({ row: 99, col: 3 });
    expect(moveActive({ row: 5, col: 1 }, { key: 'ArrowDown', metaKey: true }, size)).toEqual({ row: 99, col: 1 });
    expect(moveActive({ row: 5, col: 1 }, { key: 'PageDown' }, size, 20)).toEqual({ row: 25, col: 1 });
    expect(moveActive({ row: 5, col: 1 }, { key: 'PageUp' }, size, 20)).toEqual({ row: 0, col: 1 });
  });

  it('leaves other keys and an empty grid alone', () => {
    expect(moveActive({ row: 0, col: 0 }, { key: 'a' }, size)).toBeNull();
    expect(moveActive({ row: 0, col: 0 }, { key: 'ArrowDown' }, { rows: 0, cols: 4 })).toBeNull();
    expect(isEditKey({ key: 'Enter' })).toBe(true);
    expect(isEditKey({ key: 'F2' })).toBe(true);
    expect(isEditKey({ key: ' ' })).toBe(false);
  });

  it('starts editing with a typed character, but not with shortcuts, Space or the ? of the shortcut sheet', () => {
    expect(typedCharacter({ key: 'a' })).toBe('a');
    expect(typedCharacter({ key: '7' })).toBe('7');
    expect(typedCharacter({ key: 'c', ctrlKey: true })).toBeNull();
    expect(typedCharacter({ key: 'v', metaKey: true })).toBeNull();
    expect(typedCharacter({ key: 'x', altKey: true })).toBeNull();
    expect(typedCharacter({ key: '?' })).toBeNull();
    expect(typedCharacter({ key: ' ' })).toBeNull();
    expect(typedCharacter({ key: 'ArrowDown' })).toBeNull();
  });
});
