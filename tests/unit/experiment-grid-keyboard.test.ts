import { describe, expect, it } from 'vitest';
import { clampFocus, moveFocus, toggleSelection } from '@/components/experiments/grid-keyboard';

const shape = { rows: 30, variants: 3, repeats: 2 };

describe('moveFocus', () => {
  it('walks down through the repeats, then into the next row', () => {
    expect(moveFocus({ row: 0, variant: 1, repeat: 0 }, 'ArrowDown', shape)).toEqual({ row: 0, variant: 1, repeat: 1 });
    expect(moveFocus({ row: 0, variant: 1, repeat: 1 }, 'ArrowDown', shape)).toEqual({ row: 1, variant: 1, repeat: 0 });
    expect(moveFocus({ row: 1, variant: 1, repeat: 0 }, 'ArrowUp', shape)).toEqual({ row: 0, variant: 1, repeat: 1 });
  });
  it('stops at the edges', () => {
    expect(moveFocus({ row: 0, variant: 0, repeat: 0 }, 'ArrowUp', shape)).toEqual({ row: 0, variant: 0, repeat: 0 });
    expect(moveFocus({ row: 0, variant: 0, repeat: 0 }, 'ArrowLeft', shape)).toEqual({ row: 0, variant: 0, repeat: 0 });
    expect(moveFocus({ row: 29, variant: 2, repeat: 1 }, 'ArrowDown', shape)).toEqual({ row: 29, variant: 2, repeat: 1 });
    expect(moveFocus({ row: 0, variant: 2, repeat: 0 }, 'ArrowRight', shape)).toEqual({ row: 0, variant: 2, repeat: 0 });
  });
  it('jumps with Home/End, Ctrl+Home/End and pages', () => {
    expect(moveFocus({ row: 5, variant: 1, repeat: 1 }, 'Home', shape)).toEqual({ row: 5, variant: 0, repeat: 1 });
    expect(moveFocus({ row: 5, variant: 1, repeat: 1 }, 'End', shape)).toEqual({ row: 5, variant: 2, repeat: 1 });
    expect(moveFocus({ row: 5, variant: 1, repeat: 1 }, 'End', shape, true)).toEqual({ row: 29, variant: 2, repeat: 1 });
    expect(moveFocus({ row: 5, variant: 1, repeat: 1 }, 'Home', shape, true)).toEqual({ row: 0, variant: 0, repeat: 0 });
    expect(moveFocus({ row: 25, variant: 1, repeat: 0 }, 'PageDown', shape)).toEqual({ row: 29, variant: 1, repeat: 0 });
    expect(moveFocus({ row: 5, variant: 1, repeat: 0 }, 'PageUp', shape)).toEqual({ row: 0, variant: 1, repeat: 0 });
  });
  it('ignores other keys and empty grids', () => {
    expect(moveFocus({ row: 0, variant: 0, repeat: 0 }, 'a', shape)).toBeNull();
    expect(moveFocus({ row: 0, variant: 0, repeat: 0 }, 'ArrowDown', { ...shape, rows: 0 })).toBeNull();
  });
});

describe('clampFocus', () => {
  it('pulls a focus back inside after filtering', () => {
    expect(clampFocus({ row: 40, variant: 5, repeat: 3 }, shape)).toEqual({ row: 29, variant: 2, repeat: 1 });
  });
});

describe('toggleSelection', () => {
  it('adds, removes and keeps at most two (dropping the oldest)', () => {
    expect(toggleSelection([], 'a')).toEqual(['a']);
    expect(toggleSelection(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggleSelection(['a', 'b'], 'c')).toEqual(['b', 'c']);
    expect(toggleSelection(['a', 'b'], 'a')).toEqual(['b']);
  });
});
