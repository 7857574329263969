'use client';

import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { ModelConfig } from '@/lib/client/types';
import { ignoredParamNotes, overrideNotes, type ProviderOption, type RunParamKey, type RunParamsForm } from './run-model-choice';

type Props = {
  value: RunParamsForm;
  /** The settings of what runs (the version's or the draft's): what an empty field uses. */
  base: ModelConfig;
  /** The providers of the chosen targets: some ignore a setting. */
  providers: (ProviderOption | undefined)[];
  errors: Partial<Record<RunParamKey, string>>;
  onChange: (patch: Partial<RunParamsForm>) => void;
};

const PARAMS = [
  { key: 'temperature', label: 'Temperature', min: 0, max: 2, step: 0.1 },
  { key: 'maxTokens', label: 'Max tokens', min: 1, max: 1_000_000, step: 1 },
  { key: 'topP', label: 'Top-p', min: 0, max: 1, step: 0.05 },
] as const;

/** This run only: sampling settings that override the version's (empty = the version's, shown as the placeholder). */
export function RunOverrideFields({ value, base, providers, errors, onChange }: Props) {
  const ignored = ignoredParamNotes(providers);
  const overrides = overrideNotes(value, base);
  return (
    <div className="grid grid-cols-3 gap-3">
      {PARAMS.map((p) => {
        const note = ignored[p.key];
        const override = overrides[p.key];
        const own = base[p.key];
        return (
          <div key={p.key} className="grid min-w-0 content-start gap-1.5">
            <Label htmlFor={`run-${p.key}`} className="text-xs">
              {p.label}
            </Label>
            <Input
              id={`run-${p.key}`}
              type="number"
              inputMode={p.key === 'maxTokens' ? 'numeric' : 'decimal'}
              min={p.min}
              max={p.max}
              step={p.step}
              value={value[p.key]}
              onChange={(e) => onChange({ [p.key]: e.target.value })}
              placeholder={own === undefined ? 'default' : String(own)}
              aria-label={`${p.label} for this run, ${p.min} to ${p.max}; empty for the version's setting`}
              className={override ? 'border-warning ring-1 ring-warning/40' : undefined}
              data-testid={`run-param-${p.key}`}
              {...fieldAria(`run-${p.key}-error`, errors[p.key], [override ? `run-${p.key}-override` : null, note ? `run-${p.key}-note` : null].filter(Boolean).join(' ') || undefined)}
            />
            {override ? (
              <p id={`run-${p.key}-override`} className="text-xs font-medium text-warning-foreground dark:text-warning" data-testid={`run-param-override-${p.key}`}>
                {override}
              </p>
            ) : null}
            {note ? (
              <p id={`run-${p.key}-note`} className="text-xs text-muted-foreground" data-testid={`run-param-note-${p.key}`}>
                {note}
              </p>
            ) : null}
            <FieldMessage id={`run-${p.key}-error`} message={errors[p.key]} />
          </div>
        );
      })}
    </div>
  );
}
