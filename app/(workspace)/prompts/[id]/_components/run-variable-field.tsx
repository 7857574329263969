'use client';

import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import type { VariableDef } from '@/lib/client/types';
import { cn } from '@/lib/utils';

type Props = {
  def: VariableDef;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
  error?: string;
  disabled?: boolean;
};

const TYPE_HINT = { string: 'text', number: 'number', boolean: 'true / false', json: 'JSON' } as const;

/** One typed input for a template variable: text area, number, checkbox or JSON. */
export function RunVariableField({ def, value, onChange, error, disabled }: Props) {
  const id = `run-var-${def.name}`;
  const describedBy = [def.description ? `${id}-desc` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const required = def.required && def.default === undefined;
  const testId = `run-variable-${def.name}`;

  const label = (
    <span className="flex min-w-0 items-baseline gap-1.5">
      <span className="truncate font-mono text-[0.8125rem]">{def.name}</span>
      {required ? (
        <span className="text-destructive" title="Required">
          *<span className="sr-only"> (required)</span>
        </span>
      ) : null}
      <span className="text-xs font-normal text-muted-foreground">{TYPE_HINT[def.type]}</span>
    </span>
  );

  return (
    <div className={cn('grid min-w-0 content-start gap-1.5', (def.type === 'string' || def.type === 'json') && 'sm:col-span-2')}>
      {def.type === 'boolean' ? (
        <label htmlFor={id} className="flex h-9 cursor-pointer items-center gap-2.5 text-sm">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
            disabled={disabled}
            aria-describedby={describedBy}
            className="size-4 shrink-0 cursor-pointer rounded accent-primary disabled:cursor-not-allowed"
            data-testid={testId}
          />
          {label}
        </label>
      ) : (
        <>
          <Label htmlFor={id}>{label}</Label>
          {def.type === 'number' ? (
            <Input
              id={id}
              type="number"
              step="any"
              inputMode="decimal"
              value={value as string}
              onChange={(e) => onChange(e.target.value)}
              disabled={disabled}
              aria-required={required || undefined}
              aria-invalid={Boolean(error) || undefined}
              aria-describedby={describedBy}
              placeholder={required ? 'Required' : 'Optional'}
              className="font-mono"
              data-testid={testId}
            />
          ) : (
            <Textarea
              id={id}
              value={value as string}
              onChange={(e) => onChange(e.target.value)}
              disabled={disabled}
              rows={def.type === 'json' ? 3 : 2}
              spellCheck={def.type === 'string'}
              aria-required={required || undefined}
              aria-invalid={Boolean(error) || undefined}
              aria-describedby={describedBy}
              placeholder={def.type === 'json' ? '{ "key": "value" }' : required ? 'Required' : 'Optional'}
              className={cn('min-h-0 resize-y', def.type === 'json' && 'font-mono text-[0.8125rem] md:text-[0.8125rem]')}
              data-testid={testId}
            />
          )}
        </>
      )}
      {def.description ? (
        <p id={`${id}-desc`} className="text-xs text-muted-foreground">
          {def.description}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-destructive" data-testid={`run-variable-error-${def.name}`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
