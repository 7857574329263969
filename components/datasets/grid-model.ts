// The dataset grid's pure parts: its columns, a cell's text and the PATCH an edit makes, and keyboard movement.
import type { DatasetItem, UpdateItemBody } from '@/lib/client/dataset-types';

export type GridColumn = { key: string; label: string } & ({ kind: 'input'; name: string } | { kind: 'expected' } | { kind: 'metadata' });

/** The dataset's variables (and any added in this session), then expected, then metadata. */
export function gridColumns(variables: readonly string[], extra: readonly string[] = []): GridColumn[] {
  const names = [...variables, ...extra.filter((n) => !variables.includes(n))];
  return [
    ...names.map((name): GridColumn => ({ key: `input.${name}`, label: name, kind: 'input', name })),
    { key: 'expected', label: 'expected', kind: 'expected' },
    { key: 'metadata', label: 'metadata', kind: 'metadata' },
  ];
}

const asText = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));

export function cellValue(item: DatasetItem, column: GridColumn): unknown {
  if (column.kind === 'input') return item.input[column.name];
  if (column.kind === 'expected') return item.expected;
  return item.metadata;
}

/** What the cell shows and its editor starts from; empty metadata shows as nothing. */
export function cellText(item: DatasetItem, column: GridColumn): string {
  const value = cellValue(item, column);
  if (column.kind === 'metadata' && (!value || Object.keys(value as object).length === 0)) return '';
  return asText(value);
}

/** A value typed as text: JSON when the cell held JSON (a number stays a number), text otherwise. */
function typedValue(text: string, previous: unknown): unknown {
  if (typeof previous === 'string' || previous === undefined || previous === null) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type CellPatch = { body: UpdateItemBody } | { error: string } | null;

/** The PATCH an edit makes, an error for text the column cannot hold, or null when nothing changed. */
export function cellPatch(item: DatasetItem, column: GridColumn, text: string): CellPatch {
  if (text === cellText(item, column)) return null;
  if (column.kind === 'input') {
    return { body: { input: { ...item.input, [column.name]: typedValue(text, item.input[column.name]) } } };
  }
  if (column.kind === 'expected') {
    return { body: { expected: text === '' ? null : typedValue(text, item.expected) } };
  }
  if (text.trim() === '') return { body: { metadata: {} } };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { error: 'Metadata must be a JSON object, like {"source": "support"}' };
    return { body: { metadata: parsed as Record<string, unknown> } };
  } catch {
    return { error: 'Metadata must be valid JSON, like {"source": "support"}' };
  }
}

export type GridPos = { row: number; col: number };

export type GridKey = { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean };

/**
 * Where the active cell goes for a key, or null when the grid does not handle it. Arrows move one cell,
 * Home/End go to the row's ends (with Ctrl/⌘ to the grid's), PageUp/PageDown move a page of rows.
 */
export function moveActive(pos: GridPos, event: GridKey, size: { rows: number; cols: number }, pageRows = 10): GridPos | null {
  if (size.rows === 0 || size.cols === 0) return null;
  const mod = event.ctrlKey || event.metaKey;
  const clamp = (p: GridPos): GridPos => ({ row: Math.max(0, Math.min(size.rows - 1, p.row)), col: Math.max(0, Math.min(size.cols - 1, p.col)) });
  switch (event.key) {
    case 'ArrowUp':
      return clamp({ row: mod ? 0 : pos.row - 1, col: pos.col });
    case 'ArrowDown':
      return clamp({ row: mod ? size.rows - 1 : pos.row + 1, col: pos.col });
    case 'ArrowLeft':
      return clamp({ row: pos.row, col: mod ? 0 : pos.col - 1 });
    case 'ArrowRight':
      return clamp({ row: pos.row, col: mod ? size.cols - 1 : pos.col + 1 });
    case 'Home':
      return clamp({ row: mod ? 0 : pos.row, col: 0 });
    case 'End':
      return clamp({ row: mod ? size.rows - 1 : pos.row, col: size.cols - 1 });
    case 'PageUp':
      return clamp({ row: pos.row - pageRows, col: pos.col });
    case 'PageDown':
      return clamp({ row: pos.row + pageRows, col: pos.col });
    default:
      return null;
  }
}

/** Keys that open the active cell's editor. */
export const isEditKey = (event: GridKey) => event.key === 'Enter' || event.key === 'F2';

/**
 * A printable key typed on a cell starts its editor with that character, replacing the text (as spreadsheets do;
 * Esc brings the old text back). `?` stays the shortcut sheet's key.
 */
export const typedCharacter = (event: GridKey): string | null =>
  event.key.length === 1 && event.key !== '?' && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey ? event.key : null;
