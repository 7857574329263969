'use client';

import * as React from 'react';
import { CircleAlertIcon } from 'lucide-react';

import { Label } from '@/components/ui/label';
import { parseTemplate } from '@/lib/templates';
import { cn } from '@/lib/utils';
import { useTemplateView } from './codemirror/use-template-view';
import { TemplateStats } from './template-stats';

const MAX_ERRORS_SHOWN = 3;

export type TemplateEditorProps = {
  id: string;
  label: string;
  hint?: React.ReactNode;
  /** Controls shown at the end of the label row (a chat turn's role and moves). */
  toolbar?: React.ReactNode;
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  placeholder?: string;
  /** Minimum height in text rows. */
  minRows?: number;
  /** The editor grows with its content up to this many rows, then scrolls. */
  maxRows?: number;
  testId?: string;
  className?: string;
  /** What the API said about this template on the last save. */
  error?: string;
  /** Declared variable names, offered after `{{`. */
  variables?: readonly string[];
  /** Mod-Enter in the editor; without it the key is left to the page. */
  onRunShortcut?: () => void;
  /** Mod-S in the editor; without it the key is left to the page. */
  onSaveShortcut?: () => void;
  /** Characters against the limit and tokens under the editor (default on). */
  stats?: boolean;
  /** The model whose tokenizer counts the tokens. */
  model?: string;
};

// Parser messages quote the template in backticks; on screen they read better in quotation marks.
const plainWords = (message: string) => message.replace(/`([^`]*)`/g, '“$1”');

/**
 * A CodeMirror editor for one template: `{{ variables }}` highlighted (on the lines on screen only), declared
 * names completed after `{{`, line numbers, search (Mod-F), undo, soft wrap. Controlled through value/onChange.
 */
export function TemplateEditor({
  id,
  label,
  hint,
  toolbar,
  value,
  onChange,
  readOnly = false,
  placeholder,
  minRows = 8,
  maxRows = 30,
  testId,
  className,
  error,
  variables,
  onRunShortcut,
  onSaveShortcut,
  stats = true,
  model,
}: TemplateEditorProps) {
  // The syntax errors trail the typing: parsing 100,000 characters is not worth delaying a keystroke for.
  const deferred = React.useDeferredValue(value);
  const parsed = React.useMemo(() => parseTemplate(deferred), [deferred]);
  const labelId = `${id}-label`;
  const errorsId = `${id}-errors`;
  const hintId = `${id}-hint`;
  const hasErrors = parsed.errors.length > 0 || Boolean(error);
  const describedBy = [hint ? hintId : null, hasErrors ? errorsId : null].filter(Boolean).join(' ');

  const { hostRef, focus } = useTemplateView({
    value,
    onChange,
    readOnly,
    placeholder,
    minRows,
    maxRows,
    variables,
    onRunShortcut,
    onSaveShortcut,
    attributes: {
      id,
      'aria-labelledby': labelId,
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      ...(hasErrors ? { 'aria-invalid': 'true' } : {}),
    },
  });

  return (
    <div className={cn('grid gap-2', className)}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <Label id={labelId} onClick={focus}>
          {label}
        </Label>
        {hint ? (
          <p id={hintId} className="text-xs text-muted-foreground">
            {hint}
          </p>
        ) : null}
        {toolbar}
      </div>
      <div
        ref={hostRef}
        data-testid={testId}
        data-readonly={readOnly || undefined}
        className={cn(
          'min-w-0 overflow-hidden rounded-md border border-input shadow-xs transition-[color,box-shadow] dark:bg-input/30',
          'focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50',
          hasErrors && 'border-destructive focus-within:border-destructive focus-within:ring-destructive/20',
          readOnly && 'bg-muted/40 dark:bg-muted/30',
        )}
        // Until the editor mounts, keep its height so the page does not jump.
        style={{ minHeight: `calc(${minRows} * 1.5rem + 1.5rem + 2px)` }}
      />
      {stats ? <TemplateStats text={value} model={model} id={testId ? `${testId}-stats` : undefined} /> : null}
      {hasErrors ? (
        <ul id={errorsId} className="grid gap-1 text-sm text-destructive" aria-live="polite" data-testid={testId ? `${testId}-errors` : undefined}>
          {error ? (
            <li className="flex items-start gap-1.5">
              <CircleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              <span>{error}</span>
            </li>
          ) : null}
          {parsed.errors.slice(0, MAX_ERRORS_SHOWN).map((syntaxError) => (
            <li key={syntaxError.index} className="flex items-start gap-1.5">
              <CircleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              <span>{plainWords(syntaxError.message)}</span>
            </li>
          ))}
          {parsed.errors.length > MAX_ERRORS_SHOWN ? (
            <li className="pl-5.5 text-muted-foreground">
              and {parsed.errors.length - MAX_ERRORS_SHOWN} more syntax {parsed.errors.length - MAX_ERRORS_SHOWN === 1 ? 'error' : 'errors'}
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
