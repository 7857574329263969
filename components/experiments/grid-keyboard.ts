/** The focused slot of the grid: a row (index among the shown rows), a variant column and a repeat within it. */
export type GridFocus = { row: number; variant: number; repeat: number };
export type GridShape = { rows: number; variants: number; repeats: number };

const PAGE = 10;
const clamp = (n: number, max: number) => Math.max(0, Math.min(max, n));

/** Keeps a focus inside the grid after rows were filtered away (null when there are none). */
export function clampFocus(focus: GridFocus, shape: GridShape): GridFocus | null {
  if (shape.rows === 0 || shape.variants === 0 || shape.repeats === 0) return null;
  return { row: clamp(focus.row, shape.rows - 1), variant: clamp(focus.variant, shape.variants - 1), repeat: clamp(focus.repeat, shape.repeats - 1) };
}

/**
 * Where a key moves the focus, or null when the key is not a move. Up and down walk through the repeats stacked in a
 * cell and on into the next row; left and right change the variant; Home/End go to the row's first/last variant
 * (with Ctrl, the grid's first/last row); PageUp/PageDown jump ten rows.
 */
export function moveFocus(focus: GridFocus, key: string, shape: GridShape, ctrl = false): GridFocus | null {
  const last = { row: shape.rows - 1, variant: shape.variants - 1, repeat: shape.repeats - 1 };
  let next: GridFocus;
  switch (key) {
    case 'ArrowDown':
      next = focus.repeat < last.repeat ? { ...focus, repeat: focus.repeat + 1 } : focus.row < last.row ? { ...focus, row: focus.row + 1, repeat: 0 } : focus;
      break;
    case 'ArrowUp':
      next = focus.repeat > 0 ? { ...focus, repeat: focus.repeat - 1 } : focus.row > 0 ? { ...focus, row: focus.row - 1, repeat: last.repeat } : focus;
      break;
    case 'ArrowRight':
      next = { ...focus, variant: focus.variant + 1 };
      break;
    case 'ArrowLeft':
      next = { ...focus, variant: focus.variant - 1 };
      break;
    case 'Home':
      next = ctrl ? { row: 0, variant: 0, repeat: 0 } : { ...focus, variant: 0 };
      break;
    case 'End':
      next = ctrl ? { ...last } : { ...focus, variant: last.variant };
      break;
    case 'PageDown':
      next = { ...focus, row: focus.row + PAGE };
      break;
    case 'PageUp':
      next = { ...focus, row: focus.row - PAGE };
      break;
    default:
      return null;
  }
  return clampFocus(next, shape);
}

/** Space on a cell: selects it for the diff, or unselects it; a third selection drops the oldest. */
export function toggleSelection(selected: string[], id: string): string[] {
  if (selected.includes(id)) return selected.filter((s) => s !== id);
  return [...selected, id].slice(-2);
}
