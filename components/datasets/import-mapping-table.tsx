'use client';

import { NativeSelect } from '@/components/prompts/native-select';
import { Input } from '@/components/ui/input';
import { cn } from '@/lib/utils';
import { defaultTarget } from '@/lib/datasets/columns';
import { renamed, targetName, withKind, type ColumnTarget, type TargetMap } from './import-mapping';
import type { ParsedFile } from './import-file';

const KIND_LABELS: Record<ColumnTarget['kind'], string> = {
  input: 'Input variable',
  expected: 'Expected output',
  metadata: 'Metadata',
  ignore: 'Ignore',
};

type Props = {
  columns: string[];
  mapping: TargetMap;
  problems: Record<string, string>;
  onChange: (column: string, target: ColumnTarget) => void;
  disabled?: boolean;
};

/** Each column of the file → input variable (renamable), expected, metadata.<key> or ignore. */
export function ImportMappingTable({ columns, mapping, problems, onChange, disabled }: Props) {
  return (
    <div className="overflow-hidden rounded-lg border" role="group" aria-label="Column mapping">
      <div className="hidden grid-cols-[minmax(0,1fr)_11rem_minmax(0,1fr)] gap-3 border-b bg-muted/50 px-3 py-2 text-xs font-medium text-muted-foreground sm:grid">
        <span>Column in the file</span>
        <span>Becomes</span>
        <span>Name</span>
      </div>
      <ul className="max-h-64 divide-y overflow-y-auto">
        {columns.map((column) => {
          const target = mapping[column] ?? defaultTarget(column);
          const problem = problems[column];
          const id = `map-${column}`;
          return (
            <li key={column} className="grid grid-cols-[minmax(0,1fr)_10rem] items-center gap-2 px-3 py-2 sm:grid-cols-[minmax(0,1fr)_11rem_minmax(0,1fr)] sm:gap-3">
              <label htmlFor={id} className="truncate font-mono text-sm" title={column}>{column}</label>
              <NativeSelect
                id={id}
                value={target.kind}
                disabled={disabled}
                onChange={(e) => onChange(column, withKind(column, e.target.value as ColumnTarget['kind']))}
                data-testid={`import-map-${column}`}
                className="h-8"
              >
                {(Object.keys(KIND_LABELS) as ColumnTarget['kind'][]).map((kind) => (
                  <option key={kind} value={kind}>{KIND_LABELS[kind]}</option>
                ))}
              </NativeSelect>
              <div className="col-span-2 min-w-0 sm:col-span-1">
                {targetName(target) !== null ? (
                  <Input
                    aria-label={target.kind === 'input' ? `Variable name for ${column}` : `Metadata key for ${column}`}
                    value={targetName(target) ?? ''}
                    disabled={disabled}
                    onChange={(e) => onChange(column, renamed(target, e.target.value))}
                    aria-invalid={problem ? true : undefined}
                    className="h-8 font-mono text-sm"
                    data-testid={`import-name-${column}`}
                  />
                ) : (
                  <span className="text-xs text-muted-foreground">{target.kind === 'expected' ? 'Text, or JSON for an object or array' : 'Left out'}</span>
                )}
                {problem && <p className="mt-1 text-xs text-destructive" role="alert">{problem}</p>}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

const headerLabel = (column: string, target: ColumnTarget) =>
  target.kind === 'input' ? target.name || '—' : target.kind === 'metadata' ? `metadata.${target.key}` : target.kind === 'ignore' ? column : 'expected';

/** The first rows as they will be imported: each header says what its column becomes. */
export function ImportPreviewTable({ file, mapping }: { file: ParsedFile; mapping: TargetMap }) {
  return (
    <div className="max-h-72 overflow-auto rounded-lg border">
      <table className="w-full border-collapse text-left text-xs" data-testid="import-preview">
        <thead className="sticky top-0 bg-muted">
          <tr>
            <th scope="col" className="w-10 px-2 py-1.5 text-right font-medium text-muted-foreground">#</th>
            {file.headers.map((column) => {
              const target = mapping[column] ?? defaultTarget(column);
              return (
                <th key={column} scope="col" className={cn('px-2 py-1.5 font-medium whitespace-nowrap', target.kind === 'ignore' && 'text-muted-foreground line-through')}>
                  <span className="font-mono">{headerLabel(column, target)}</span>
                  <span className="ml-1.5 font-normal text-muted-foreground">{target.kind === 'input' ? 'input' : ''}</span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {file.preview.map((row, i) => (
            <tr key={i} className="border-t">
              <td className="px-2 py-1 text-right tabular-nums text-muted-foreground">{i + 1}</td>
              {file.headers.map((column) => {
                const ignored = mapping[column]?.kind === 'ignore';
                return (
                  <td key={column} className={cn('max-w-56 truncate px-2 py-1 font-mono', ignored && 'text-muted-foreground/60')} title={row[column]}>
                    {row[column]}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
