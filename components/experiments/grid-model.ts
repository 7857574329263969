import type { Cell, ExperimentItem } from '@/lib/client/experiment-types';

/** One grid row: an item, and for each variant its cells by repeat (null where a cell has not loaded). */
export type GridRow = { item: ExperimentItem; cells: (Cell | null)[][] };

export type GridFilters = { failures: boolean; disagree: boolean; errors: boolean; q: string };
export const NO_GRID_FILTERS: GridFilters = { failures: false, disagree: false, errors: false, q: '' };

/** Items in position order, each with a variants × repeats matrix of its cells. Cells of unknown items wait for them. */
export function buildGridRows(items: ExperimentItem[], cells: Cell[], variants: number, repeats: number): GridRow[] {
  const byItem = new Map<string, GridRow>();
  const rows = [...items]
    .sort((a, b) => a.position - b.position)
    .map((item) => {
      const row: GridRow = { item, cells: Array.from({ length: variants }, () => Array.from({ length: repeats }, () => null)) };
      byItem.set(item.itemId, row);
      return row;
    });
  for (const cell of cells) {
    const slot = byItem.get(cell.itemId)?.cells[cell.variant];
    if (slot && cell.repeat >= 0 && cell.repeat < repeats) slot[cell.repeat] = cell;
  }
  return rows;
}

const scored = (cell: Cell | null): cell is Cell & { pass: boolean } => cell !== null && cell.status === 'succeeded' && cell.result !== 'error' && cell.pass !== null;

/** Variants disagree on an item when, for one repeat, one variant's scored cell passed and another's failed. */
export function rowDisagrees(row: GridRow): boolean {
  const repeats = row.cells[0]?.length ?? 0;
  for (let r = 0; r < repeats; r++) {
    let seen: boolean | null = null;
    for (const variant of row.cells) {
      const cell = variant[r] ?? null;
      if (!scored(cell)) continue;
      if (seen === null) seen = cell.pass;
      else if (seen !== cell.pass) return true;
    }
  }
  return false;
}

export const isErrorCell = (cell: Cell | null): boolean => cell !== null && (cell.status === 'errored' || cell.result === 'error');
export const isFailCell = (cell: Cell | null): boolean => cell !== null && cell.status === 'succeeded' && cell.result === 'fail';

/** What a cell shows as its chip: an error is never a failure. */
export function cellOutcome(cell: Cell | null): 'pass' | 'fail' | 'error' | 'pending' | 'canceled' | 'done' {
  if (!cell || cell.status === 'pending') return 'pending';
  if (cell.status === 'canceled') return 'canceled';
  if (isErrorCell(cell)) return 'error';
  if (cell.result === 'pass') return 'pass';
  if (cell.result === 'fail') return 'fail';
  return 'done'; // succeeded without evaluators
}

/** The item's input as one short line: `topic: cats · tone: dry`. */
export function inputPreview(input: Record<string, unknown>, max = 160): string {
  const text = Object.entries(input)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function rowText(row: GridRow): string {
  const parts = [JSON.stringify(row.item.input), typeof row.item.expected === 'string' ? row.item.expected : JSON.stringify(row.item.expected ?? '')];
  for (const variant of row.cells) for (const cell of variant) if (cell?.output) parts.push(cell.output);
  return parts.join('\n').toLowerCase();
}

/** Rows passing every filter that is on (they combine with AND); search looks in the input, expected and outputs. */
export function filterRows(rows: GridRow[], filters: GridFilters): GridRow[] {
  const q = filters.q.trim().toLowerCase();
  if (!filters.failures && !filters.disagree && !filters.errors && !q) return rows;
  return rows.filter((row) => {
    const cells = row.cells.flat();
    if (filters.failures && !cells.some(isFailCell)) return false;
    if (filters.errors && !cells.some(isErrorCell)) return false;
    if (filters.disagree && !rowDisagrees(row)) return false;
    if (q && !rowText(row).includes(q)) return false;
    return true;
  });
}

/** Counts for the filter chips, over all rows. */
export function filterCounts(rows: GridRow[]): { failures: number; disagree: number; errors: number } {
  let failures = 0;
  let disagree = 0;
  let errors = 0;
  for (const row of rows) {
    const cells = row.cells.flat();
    if (cells.some(isFailCell)) failures++;
    if (cells.some(isErrorCell)) errors++;
    if (rowDisagrees(row)) disagree++;
  }
  return { failures, disagree, errors };
}
