// The import dialog's column mapping: what each column of a file becomes, as the server's `map.<column>` params.
// Pure, so it is unit-tested apart from the dialog.

export type ColumnTarget =
  | { kind: 'input'; name: string }
  | { kind: 'expected' }
  | { kind: 'metadata'; key: string }
  | { kind: 'ignore' };

export type ColumnMapping = Record<string, ColumnTarget>;

/** The server's default for a column: `expected` / `__expected`, `metadata.<key>`, else an input variable. */
export function defaultTarget(column: string): ColumnTarget {
  if (column === 'expected' || column === '__expected') return { kind: 'expected' };
  if (column.startsWith('metadata.') && column.length > 'metadata.'.length) return { kind: 'metadata', key: column.slice('metadata.'.length) };
  return { kind: 'input', name: column };
}

export function defaultMapping(columns: readonly string[]): ColumnMapping {
  return Object.fromEntries(columns.map((c) => [c, defaultTarget(c)]));
}

/** The target as the API spells it: `input.<name>`, `expected`, `metadata.<key>` or `ignore`. */
export function targetParam(target: ColumnTarget): string {
  switch (target.kind) {
    case 'input':
      return `input.${target.name}`;
    case 'metadata':
      return `metadata.${target.key}`;
    default:
      return target.kind;
  }
}

const sameTarget = (a: ColumnTarget, b: ColumnTarget) => targetParam(a) === targetParam(b);

/** Only the columns whose target differs from the server's default, so the URL stays short. */
export function mappingParams(columns: readonly string[], mapping: ColumnMapping): Record<string, string> {
  const params: Record<string, string> = {};
  for (const column of columns) {
    const target = mapping[column] ?? defaultTarget(column);
    if (!sameTarget(target, defaultTarget(column))) params[column] = targetParam(target);
  }
  return params;
}

/** Switches a column's kind, keeping a sensible name (the column's own) for input and metadata. */
export function withKind(column: string, kind: ColumnTarget['kind']): ColumnTarget {
  const base = column.startsWith('metadata.') ? column.slice('metadata.'.length) : column;
  if (kind === 'input') return { kind, name: base || column };
  if (kind === 'metadata') return { kind, key: base || column };
  return { kind };
}

/** Problems that would make the server refuse the mapping, by column: empty or duplicate names, two expected columns. */
export function mappingProblems(columns: readonly string[], mapping: ColumnMapping): Record<string, string> {
  const problems: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (const column of columns) {
    const target = mapping[column] ?? defaultTarget(column);
    if (target.kind === 'ignore') continue;
    if (target.kind === 'input' && !target.name.trim()) {
      problems[column] = 'Give the variable a name';
      continue;
    }
    if (target.kind === 'metadata' && !target.key.trim()) {
      problems[column] = 'Give the metadata key a name';
      continue;
    }
    if (target.kind === 'input' && target.name.length > 100) {
      problems[column] = 'Variable names are at most 100 characters';
      continue;
    }
    const param = targetParam(target);
    const first = seen.get(param);
    if (first !== undefined) {
      problems[column] = target.kind === 'expected' ? `Column ${first} is already the expected value` : `Column ${first} already maps to ${param}`;
    } else seen.set(param, column);
  }
  return problems;
}

/** How many columns become input variables: a file with none would import empty items. */
export function inputCount(columns: readonly string[], mapping: ColumnMapping): number {
  return columns.filter((c) => (mapping[c] ?? defaultTarget(c)).kind === 'input').length;
}
