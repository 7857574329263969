'use client';

import { cn } from '@/lib/utils';
import { convertDraft, type Draft } from './draft';

type Props = {
  content: Draft;
  readOnly: boolean;
  onChange: (patch: Partial<Draft>) => void;
};

const MODES = [
  { mode: 'simple', label: 'System + user' },
  { mode: 'chat', label: 'Chat' },
] as const;

const CANT_SIMPLIFY = 'Only a chat of one system and one user message can become a system + user pair. Remove the other turns first.';

/** "System + user" | "Chat": converting keeps the text; a chat becomes a pair only when it is exactly [system?, user]. */
export function TemplateModeSwitch({ content, readOnly, onChange }: Props) {
  const active = content.messages ? 'chat' : 'simple';
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <div role="radiogroup" aria-label="Template format" className="inline-flex rounded-lg border bg-muted p-0.5">
        {MODES.map(({ mode, label }) => {
          const converted = convertDraft(content, mode);
          const checked = active === mode;
          const blocked = !checked && converted === null;
          return (
            <button
              key={mode}
              type="button"
              role="radio"
              aria-checked={checked}
              disabled={readOnly || blocked}
              title={blocked ? CANT_SIMPLIFY : undefined}
              onClick={() => converted && !checked && onChange({ messages: converted.messages, systemPrompt: converted.systemPrompt, userPrompt: converted.userPrompt })}
              className={cn(
                'rounded-md px-3 py-1 text-sm font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:cursor-not-allowed',
                checked ? 'bg-background text-foreground shadow-xs' : 'text-muted-foreground hover:text-foreground disabled:opacity-50 disabled:hover:text-muted-foreground',
              )}
              data-testid={`template-mode-${mode}`}
            >
              {label}
            </button>
          );
        })}
      </div>
      <p className="text-xs text-muted-foreground">
        {active === 'chat' ? 'Turns in order; assistant turns make few-shot examples.' : 'One system prompt and one user prompt.'}
      </p>
    </div>
  );
}
