'use client';

import { NativeSelect } from '@/components/prompts/native-select';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { ignoredParamNotes, type ProviderOption, type RunParamKey, type RunParamsForm } from './run-model-choice';

/** Messages from the API for the model fields, by field. */
export type RunModelErrors = Partial<Record<'provider' | 'model' | RunParamKey, string>>;

type Props = {
  providers: ProviderOption[];
  provider: string;
  model: string;
  params: RunParamsForm;
  errors: RunModelErrors;
  onProviderChange: (provider: string) => void;
  onModelChange: (model: string) => void;
  onParamChange: (patch: Partial<RunParamsForm>) => void;
};

const PARAMS = [
  { key: 'temperature', label: 'Temperature', min: 0, max: 2, step: 0.1 },
  { key: 'maxTokens', label: 'Max tokens', min: 1, max: 1_000_000, step: 1 },
  { key: 'topP', label: 'Top-p', min: 0, max: 1, step: 0.05 },
] as const;

/** Provider (only those available), model (free text with the provider's suggestions) and sampling params. */
export function RunModelFields({ providers, provider, model, params, errors, onProviderChange, onModelChange, onParamChange }: Props) {
  const selected = providers.find((p) => p.id === provider);
  const suggestions = selected?.models ?? [];
  const notes = ignoredParamNotes(selected);
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-[minmax(0,1.2fr)_minmax(0,1.4fr)_repeat(3,minmax(0,0.8fr))]">
      <div className="grid min-w-0 content-start gap-1.5">
        <Label htmlFor="run-provider">Provider</Label>
        <NativeSelect
          id="run-provider"
          value={provider}
          onChange={(e) => onProviderChange(e.target.value)}
          data-testid="run-provider"
          {...fieldAria('run-provider-error', errors.provider)}
        >
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </NativeSelect>
        <FieldMessage id="run-provider-error" message={errors.provider} />
      </div>
      <div className="grid min-w-0 content-start gap-1.5">
        <Label htmlFor="run-model">Model</Label>
        <Input
          id="run-model"
          value={model}
          onChange={(e) => onModelChange(e.target.value)}
          list="run-model-suggestions"
          placeholder={suggestions[0] ?? 'model name'}
          maxLength={200}
          spellCheck={false}
          autoComplete="off"
          className="font-mono"
          data-testid="run-model"
          aria-invalid={Boolean(errors.model) || !model.trim() || undefined}
          aria-describedby={errors.model ? 'run-model-error' : undefined}
        />
        <datalist id="run-model-suggestions">
          {suggestions.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <FieldMessage id="run-model-error" message={errors.model} />
      </div>
      {PARAMS.map((p) => {
        const note = notes[p.key];
        return (
          <div key={p.key} className="grid min-w-0 content-start gap-1.5">
            <Label htmlFor={`run-${p.key}`}>{p.label}</Label>
            <Input
              id={`run-${p.key}`}
              type="number"
              inputMode={p.key === 'maxTokens' ? 'numeric' : 'decimal'}
              min={p.min}
              max={p.max}
              step={p.step}
              value={params[p.key]}
              onChange={(e) => onParamChange({ [p.key]: e.target.value })}
              placeholder={note ? 'not sent' : 'default'}
              aria-label={`${p.label}, ${p.min} to ${p.max}; empty for the default`}
              data-testid={`run-param-${p.key}`}
              {...fieldAria(`run-${p.key}-error`, errors[p.key], note ? `run-${p.key}-note` : undefined)}
            />
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
