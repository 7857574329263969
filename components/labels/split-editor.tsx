'use client';

import { PlusIcon, XIcon } from 'lucide-react';
import { NativeSelect } from '@/components/prompts/native-select';
import { Button } from '@/components/ui/button';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { cn } from '@/lib/utils';
import { evenWeights, MAX_SPLIT_TARGETS, type SplitRow } from './label-model';

type Props = {
  rows: SplitRow[];
  versions: readonly number[];
  /** Local and server errors by `split.N.weight` / `split.N.versionNumber`. */
  fields: Record<string, string>;
  total: number;
  onChange: (rows: SplitRow[]) => void;
};

/** Up to five versions with integer weights; the total is shown live and must reach 100. */
export function SplitEditor({ rows, versions, fields, total, onChange }: Props) {
  const set = (i: number, patch: Partial<SplitRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const unused = versions.filter((v) => !rows.some((r) => r.versionNumber === v));

  function add() {
    const next = unused[0];
    if (next === undefined) return;
    const weights = evenWeights(rows.length + 1);
    onChange([...rows, { versionNumber: next, weight: '0' }].map((r, i) => ({ ...r, weight: String(weights[i]) })));
  }

  return (
    <fieldset className="grid gap-2 rounded-lg border p-3" data-testid="split-editor">
      <legend className="px-1 text-sm font-medium">Traffic split</legend>
      <ul className="grid gap-2">
        {rows.map((row, i) => {
          const versionError = fields[`split.${i}.versionNumber`];
          const weightError = fields[`split.${i}.weight`];
          return (
            <li key={i} className="grid gap-1" data-testid="split-row">
              <div className="flex items-center gap-2">
                <NativeSelect
                  aria-label={`Version of split row ${i + 1}`}
                  value={row.versionNumber}
                  onChange={(e) => set(i, { versionNumber: Number(e.target.value) })}
                  wrapperClassName="flex-1"
                  className="h-8 font-mono"
                  data-testid={`split-version-${i}`}
                  {...fieldAria(`split-${i}-version-error`, versionError)}
                >
                  {[...new Set([row.versionNumber, ...versions])].map((v) => (
                    <option key={v} value={v}>
                      v{v}
                    </option>
                  ))}
                </NativeSelect>
                <div className="relative w-24">
                  <Input
                    aria-label={`Weight of v${row.versionNumber} (percent)`}
                    inputMode="numeric"
                    value={row.weight}
                    onChange={(e) => set(i, { weight: e.target.value })}
                    className="h-8 pr-7 text-right font-mono tabular-nums"
                    data-testid={`split-weight-${i}`}
                    {...fieldAria(`split-${i}-weight-error`, weightError)}
                  />
                  <span aria-hidden="true" className="pointer-events-none absolute top-1/2 right-2.5 -translate-y-1/2 text-xs text-muted-foreground">
                    %
                  </span>
                </div>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon-sm"
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  disabled={rows.length <= 2}
                  aria-label={`Remove v${row.versionNumber} from the split`}
                >
                  <XIcon aria-hidden="true" />
                </Button>
              </div>
              <FieldMessage id={`split-${i}-version-error`} message={versionError} />
              <FieldMessage id={`split-${i}-weight-error`} message={weightError} />
            </li>
          );
        })}
      </ul>
      <div className="flex items-center justify-between gap-2">
        <Button type="button" variant="outline" size="sm" onClick={add} disabled={rows.length >= MAX_SPLIT_TARGETS || unused.length === 0} data-testid="split-add">
          <PlusIcon aria-hidden="true" />
          Add version
        </Button>
        <p className={cn('font-mono text-xs tabular-nums', total === 100 ? 'text-muted-foreground' : 'text-destructive')} aria-live="polite" data-testid="split-total">
          Total {total}%
        </p>
      </div>
    </fieldset>
  );
}
