// The import dialog's column mapping state: what each column becomes, sent as the server's `map.<column>` params.
// The rules themselves (defaults, conflicts) are lib/datasets/columns.ts, shared with the server.
import { defaultTarget, formatTarget, type ColumnTarget } from '@/lib/datasets/columns';

export type { ColumnTarget };
export type TargetMap = Record<string, ColumnTarget>;

export function defaultTargets(columns: readonly string[]): TargetMap {
  return Object.fromEntries(columns.map((c) => [c, defaultTarget(c)]));
}

/** Only the columns whose target differs from the default, so the URL stays short. */
export function mappingParams(columns: readonly string[], targets: TargetMap): Record<string, string> {
  const params: Record<string, string> = {};
  for (const column of columns) {
    const target = targets[column] ?? defaultTarget(column);
    if (formatTarget(target) !== formatTarget(defaultTarget(column))) params[column] = formatTarget(target);
  }
  return params;
}

/** The column's target with another kind, named after the column (without its `metadata.`/`input.` prefix). */
export function withKind(column: string, kind: ColumnTarget['kind']): ColumnTarget {
  const base = column.replace(/^(metadata|input)\./, '') || column;
  if (kind === 'input') return { kind, name: base };
  if (kind === 'metadata') return { kind, key: base };
  return { kind };
}

/** The target's name when it has one (input variable or metadata key). */
export const targetName = (target: ColumnTarget): string | null => (target.kind === 'input' ? target.name : target.kind === 'metadata' ? target.key : null);

/** The target with a new name; blank names are the server's to refuse (it says which column). */
export function renamed(target: ColumnTarget, name: string): ColumnTarget {
  if (target.kind === 'input') return { kind: 'input', name };
  if (target.kind === 'metadata') return { kind: 'metadata', key: name };
  return target;
}

/** Columns that become input variables: a file with none would import items without input. */
export function inputCount(columns: readonly string[], targets: TargetMap): number {
  return columns.filter((c) => (targets[c] ?? defaultTarget(c)).kind === 'input').length;
}

/** A blank name, which the shared rules let through as an empty variable; said beside the column instead. */
export function blankNames(columns: readonly string[], targets: TargetMap): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const column of columns) {
    const name = targetName(targets[column] ?? defaultTarget(column));
    if (name !== null && name.trim() === '') problems[column] = 'Give it a name';
  }
  return problems;
}
