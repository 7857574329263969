// Browser-safe: the import dialog maps columns with these rules before it uploads.
import { isReservedName, MAX_DATASET_COLUMNS, reservedNameMessage } from './schemas';

/** Where one column of an imported file goes. */
export type ColumnTarget = { kind: 'input'; name: string } | { kind: 'expected' } | { kind: 'metadata'; key: string } | { kind: 'ignore' };
export type ColumnMapping = { column: string; target: ColumnTarget };
/** A problem with the header or the mapping; `path` is `rows.0.<column>` or `map.<column>`. */
export type MappingError = { column: string; path: string; message: string };

export const MAX_IMPORT_COLUMNS = MAX_DATASET_COLUMNS;
const MAX_NAME = 100;

/**
 * The default for a column name: `expected` / `__expected` → expected, `metadata.<key>` → metadata, `input.<name>`
 * → that input variable (how an export writes a variable whose own name looks like one of these), else an input
 * variable of the same name.
 */
export function defaultTarget(column: string): ColumnTarget {
  if (column === 'expected' || column === '__expected') return { kind: 'expected' };
  if (column.startsWith('metadata.') && column.length > 'metadata.'.length) return { kind: 'metadata', key: column.slice('metadata.'.length) };
  if (column.startsWith('input.') && column.length > 'input.'.length) return { kind: 'input', name: column.slice('input.'.length) };
  return { kind: 'input', name: column };
}

/** The column an export writes an input variable to: its own name unless that would read as something else. */
export function inputColumn(name: string): string {
  const target = defaultTarget(name);
  return target.kind === 'input' && target.name === name ? name : `input.${name}`;
}

/** `input.<name>`, `expected`, `metadata.<key>` or `ignore` (a `map.<column>` query value); null when it is none. */
export function parseTarget(spec: string): ColumnTarget | null {
  if (spec === 'expected') return { kind: 'expected' };
  if (spec === 'ignore') return { kind: 'ignore' };
  if (spec.startsWith('input.') && spec.length > 6) return { kind: 'input', name: spec.slice(6) };
  if (spec.startsWith('metadata.') && spec.length > 9) return { kind: 'metadata', key: spec.slice(9) };
  return null;
}

export function formatTarget(target: ColumnTarget): string {
  switch (target.kind) {
    case 'input':
      return `input.${target.name}`;
    case 'metadata':
      return `metadata.${target.key}`;
    default:
      return target.kind;
  }
}

export const TARGET_HINT = 'must be input.<name>, expected, metadata.<key> or ignore';

const describe = (target: ColumnTarget) =>
  target.kind === 'input' ? `input \`${target.name}\`` : target.kind === 'metadata' ? `metadata \`${target.key}\`` : target.kind;

/**
 * Each header's target: its override when given, else the default. Errors for empty or duplicate headers, overrides
 * naming no column, names over 100 characters, and two columns landing on the same place.
 */
export function mapColumns(headers: readonly string[], overrides: Readonly<Record<string, ColumnTarget>> = {}): { mapping: ColumnMapping[]; errors: MappingError[] } {
  const errors: MappingError[] = [];
  const header = (column: string, message: string) => errors.push({ column, path: `rows.0.${column}`, message: `row 0 (the header), column \`${column}\`: ${message}` });
  if (headers.length > MAX_IMPORT_COLUMNS) {
    header(headers[MAX_IMPORT_COLUMNS] ?? '', `the file has ${headers.length} columns; at most ${MAX_IMPORT_COLUMNS}`);
    return { mapping: [], errors };
  }
  const known = new Set<string>();
  headers.forEach((column, index) => {
    if (column.trim() === '') header(column, `column ${index + 1} has no name: give every column a header`);
    else if (known.has(column)) header(column, 'appears twice: give every column its own name');
    known.add(column);
  });
  for (const column of Object.keys(overrides)) {
    if (!known.has(column)) errors.push({ column, path: `map.${column}`, message: `\`map.${column}\`: the file has no column \`${column}\`` });
  }

  // Own keys only: `overrides.constructor` of a plain object is Object itself, not an override.
  const mapping = headers.map((column) => ({ column, target: Object.hasOwn(overrides, column) ? overrides[column]! : defaultTarget(column) }));
  const taken = new Map<string, string>();
  for (const { column, target } of mapping) {
    if (column.trim() === '' || target.kind === 'ignore') continue;
    const name = target.kind === 'input' ? target.name : target.kind === 'metadata' ? target.key : '';
    if (name.length > MAX_NAME) header(column, `maps to a name over ${MAX_NAME} characters`);
    else if (isReservedName(name)) header(column, reservedNameMessage(name, target.kind === 'input' ? 'variable' : 'metadata key'));
    const key = target.kind === 'expected' ? 'expected' : `${target.kind}\n${name}`;
    const first = taken.get(key);
    if (first !== undefined) header(column, `maps to ${describe(target)}, as column \`${first}\` does: map one of them elsewhere or ignore it`);
    else taken.set(key, column);
  }
  return { mapping, errors };
}
