'use client';

import * as React from 'react';
import { CircleAlertIcon } from 'lucide-react';

import { Label } from '@/components/ui/label';
import { parseTemplate } from '@/lib/templates';
import { cn } from '@/lib/utils';
import { highlightPieces } from './template-highlight';

const MAX_ERRORS_SHOWN = 3;

// Both layers share these exactly: any difference in font, padding, wrapping or border makes the
// highlight drift away from the caret.
const LAYER =
  'col-start-1 row-start-1 m-0 w-full border-0 px-3 py-3 font-mono text-sm leading-6 tracking-normal whitespace-pre-wrap break-words [tab-size:4] [word-break:normal]';

export type TemplateEditorProps = {
  id: string;
  label: string;
  hint?: React.ReactNode;
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  placeholder?: string;
  /** Minimum height in text rows; the editor grows with its content. */
  minRows?: number;
  testId?: string;
  className?: string;
  /** What the API said about this template on the last save. */
  error?: string;
};

/**
 * A textarea laid exactly over a highlighted copy of its text, so `{{ variables }}` light up while typing.
 * The copy sits in the same grid cell and sizes the box, which makes the textarea auto-grow without
 * measuring and keeps both layers scrolled together (the textarea itself never scrolls).
 */
export function TemplateEditor({
  id,
  label,
  hint,
  value,
  onChange,
  readOnly = false,
  placeholder,
  minRows = 8,
  testId,
  className,
  error,
}: TemplateEditorProps) {
  const parsed = React.useMemo(() => parseTemplate(value), [value]);
  const pieces = React.useMemo(() => highlightPieces(value, parsed), [value, parsed]);
  const errorsId = `${id}-errors`;
  const hintId = `${id}-hint`;
  const hasErrors = parsed.errors.length > 0 || Boolean(error);
  const minHeight = `calc(${minRows} * 1.5rem + 1.5rem)`;

  return (
    <div className={cn('grid gap-2', className)}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <Label htmlFor={id}>{label}</Label>
        {hint ? (
          <p id={hintId} className="text-xs text-muted-foreground">
            {hint}
          </p>
        ) : null}
      </div>
      <div
        className={cn(
          'grid grid-cols-1 overflow-hidden rounded-md border border-input shadow-xs transition-[color,box-shadow] dark:bg-input/30',
          'focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50',
          hasErrors && 'border-destructive focus-within:border-destructive focus-within:ring-destructive/20',
          readOnly && 'bg-muted/40 dark:bg-muted/30',
        )}
      >
        <div aria-hidden="true" className={cn(LAYER, 'pointer-events-none text-foreground select-none')} style={{ minHeight }}>
          {pieces.map((piece) =>
            piece.kind === 'plain' ? (
              <React.Fragment key={piece.start}>{piece.text}</React.Fragment>
            ) : (
              <span
                key={piece.start}
                className={
                  piece.kind === 'variable'
                    ? 'template-highlight'
                    : 'text-destructive underline decoration-destructive decoration-wavy underline-offset-4'
                }
              >
                {piece.text}
              </span>
            ),
          )}
          {/* Keeps a trailing newline's empty last line, which a textarea shows but a div collapses. */}
          {' '}
        </div>
        <textarea
          id={id}
          data-testid={testId}
          value={value}
          onChange={(event) => onChange?.(event.target.value)}
          readOnly={readOnly}
          placeholder={placeholder}
          rows={1}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-invalid={hasErrors || undefined}
          aria-describedby={[hint ? hintId : null, hasErrors ? errorsId : null].filter(Boolean).join(' ') || undefined}
          className={cn(
            LAYER,
            'h-full min-h-0 resize-none overflow-hidden bg-transparent text-transparent caret-foreground outline-none placeholder:text-muted-foreground focus-visible:outline-none',
          )}
        />
      </div>
      {hasErrors ? (
        <ul id={errorsId} className="grid gap-1 text-sm text-destructive" aria-live="polite" data-testid={testId ? `${testId}-errors` : undefined}>
          {error ? (
            <li className="flex items-start gap-1.5">
              <CircleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              <span>{error}</span>
            </li>
          ) : null}
          {parsed.errors.slice(0, MAX_ERRORS_SHOWN).map((error) => (
            <li key={error.index} className="flex items-start gap-1.5">
              <CircleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              <span>{error.message}</span>
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
