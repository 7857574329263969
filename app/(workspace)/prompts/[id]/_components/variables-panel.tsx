'use client';

import { useMemo, useState } from 'react';
import { TriangleAlertIcon, XIcon } from 'lucide-react';
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip';
import type { TemplateMessage } from '@/lib/prompts/schemas';
import type { VariableDef } from '@/lib/templates';
import { cn } from '@/lib/utils';
import { reconcileDraft } from './draft';
import { formatValue } from './format';
import { VariableEditorDialog } from './variable-editor-dialog';

const UNUSED_HINT = 'declared but not used in the template';

type Props = {
  systemPrompt: string;
  userPrompt: string;
  /** Chat turns, used instead of the two prompts when set. */
  messages?: TemplateMessage[] | null;
  /** The declared list; undeclared placeholders are added on the fly. */
  variables: VariableDef[];
  readOnly?: boolean;
  /** The last save's messages, by variable name. */
  errors?: Record<string, string>;
  onChange?: (variables: VariableDef[]) => void;
};

export function VariablesPanel({ systemPrompt, userPrompt, messages = null, variables, readOnly = false, errors = {}, onChange }: Props) {
  const reconciled = useMemo(
    () => reconcileDraft({ systemPrompt, userPrompt, messages, variables }),
    [systemPrompt, userPrompt, messages, variables],
  );
  const [editing, setEditing] = useState<string | null>(null);
  const editingDef = reconciled.variables.find((v) => v.name === editing) ?? null;
  const unused = new Set(reconciled.unused);
  const undeclared = new Set(reconciled.undeclared);

  // Editing an auto-declared variable declares it for real.
  function save(def: VariableDef) {
    const exists = variables.some((v) => v.name === def.name);
    onChange?.(exists ? variables.map((v) => (v.name === def.name ? def : v)) : [...variables, def]);
    setEditing(null);
  }

  function remove(name: string) {
    onChange?.(variables.filter((v) => v.name !== name));
    setEditing(null);
  }

  return (
    <section aria-labelledby="variables-heading" className="grid gap-3 rounded-xl border bg-card p-4 text-card-foreground shadow-xs">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="variables-heading" className="text-sm font-semibold">
          Variables <span className="font-normal text-muted-foreground">({reconciled.variables.length})</span>
        </h2>
        {!readOnly && reconciled.variables.length > 0 ? (
          <p className="text-xs text-muted-foreground">Click one to set its type, default and description.</p>
        ) : null}
      </div>
      {reconciled.variables.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          No variables yet. Write <code className="rounded bg-muted px-1 font-mono text-xs">{'{{ name }}'}</code> in a template to add one.
        </p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {reconciled.variables.map((def) => (
            <li key={def.name} className="flex items-center">
              <VariableChip
                def={def}
                unused={unused.has(def.name)}
                auto={undeclared.has(def.name)}
                readOnly={readOnly}
                invalid={Boolean(errors[def.name])}
                onOpen={() => setEditing(def.name)}
              />
              {!readOnly && unused.has(def.name) ? (
                <button
                  type="button"
                  onClick={() => remove(def.name)}
                  aria-label={`Remove variable ${def.name}`}
                  title="Remove variable"
                  data-testid={`remove-variable-${def.name}`}
                  className="-ml-px rounded-r-md border border-warning/50 bg-warning/10 p-1.5 text-warning-foreground outline-none hover:bg-warning/25 focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:text-warning"
                >
                  <XIcon aria-hidden="true" className="size-3.5" />
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {Object.keys(errors).length > 0 ? (
        <ul className="grid gap-1 text-xs text-destructive">
          {Object.entries(errors).map(([name, message]) => (
            <li key={name} id={`variable-error-${name}`} data-testid={`variable-error-${name}`}>
              <code className="font-mono">{name}</code>: {message}
            </li>
          ))}
        </ul>
      ) : null}
      {!readOnly ? (
        <VariableEditorDialog
          variable={editingDef}
          unused={editing !== null && unused.has(editing)}
          onOpenChange={(open) => !open && setEditing(null)}
          onSave={save}
          onRemove={remove}
        />
      ) : null}
    </section>
  );
}

type ChipProps = { def: VariableDef; unused: boolean; auto: boolean; readOnly: boolean; invalid: boolean; onOpen: () => void };

function VariableChip({ def, unused, auto, readOnly, invalid, onOpen }: ChipProps) {
  const className = cn(
    'inline-flex max-w-full items-center gap-2 rounded-md border px-2.5 py-1 text-left text-xs outline-none transition-colors',
    'focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50',
    unused
      ? 'rounded-r-none border-warning/50 bg-warning/10 text-warning-foreground dark:text-warning'
      : 'bg-background dark:bg-input/30',
    auto && 'border-dashed',
    !readOnly && (unused ? 'hover:bg-warning/20' : 'hover:bg-accent'),
    readOnly && unused && 'rounded-r-md',
    invalid && 'border-destructive ring-[3px] ring-destructive/20',
  );
  const body = (
    <>
      {unused ? <TriangleAlertIcon aria-hidden="true" className="size-3.5 shrink-0" /> : null}
      <span className="truncate font-mono text-sm font-medium">{def.name}</span>
      <span className="text-muted-foreground">{def.type}</span>
      <span className={cn('font-medium', def.required ? 'text-foreground' : 'text-muted-foreground')}>
        {def.required ? 'required' : 'optional'}
      </span>
      {def.default !== undefined ? (
        <span className="max-w-40 truncate font-mono text-muted-foreground">= {formatValue(def.default, 24)}</span>
      ) : null}
      {unused ? <span className="sr-only">({UNUSED_HINT})</span> : null}
    </>
  );
  const title = auto ? 'Used in the template but not declared yet: saved as a required string' : undefined;
  const chip = readOnly ? (
    <span className={className} data-testid={`variable-chip-${def.name}`} title={title} aria-describedby={invalid ? `variable-error-${def.name}` : undefined}>
      {body}
    </span>
  ) : (
    <button
      type="button"
      className={className}
      onClick={onOpen}
      data-testid={`variable-chip-${def.name}`}
      data-unused={unused || undefined}
      data-invalid={invalid || undefined}
      aria-describedby={invalid ? `variable-error-${def.name}` : undefined}
      title={title}
    >
      {body}
    </button>
  );
  if (!unused) return chip;
  return (
    <Tooltip>
      <TooltipTrigger asChild>{chip}</TooltipTrigger>
      <TooltipContent>{UNUSED_HINT}</TooltipContent>
    </Tooltip>
  );
}
