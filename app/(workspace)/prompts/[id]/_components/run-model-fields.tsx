'use client';

import { NativeSelect } from '@/components/prompts/native-select';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { AvailableProvider } from '@/lib/client/types';

export type RunParamsForm = { temperature: string; maxTokens: string; topP: string };

type Props = {
  providers: AvailableProvider[];
  provider: string;
  model: string;
  params: RunParamsForm;
  onProviderChange: (provider: string) => void;
  onModelChange: (model: string) => void;
  onParamChange: (patch: Partial<RunParamsForm>) => void;
  disabled?: boolean;
};

const PARAMS = [
  { key: 'temperature', label: 'Temperature', min: 0, max: 2, step: 0.1 },
  { key: 'maxTokens', label: 'Max tokens', min: 1, max: 1_000_000, step: 1 },
  { key: 'topP', label: 'Top-p', min: 0, max: 1, step: 0.05 },
] as const;

/** Provider (only those available), model (free text with the provider's suggestions) and sampling params. */
export function RunModelFields({ providers, provider, model, params, onProviderChange, onModelChange, onParamChange, disabled }: Props) {
  const suggestions = providers.find((p) => p.id === provider)?.models ?? [];
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-[minmax(0,1.2fr)_minmax(0,1.4fr)_repeat(3,minmax(0,0.8fr))]">
      <div className="grid min-w-0 gap-1.5">
        <Label htmlFor="run-provider">Provider</Label>
        <NativeSelect id="run-provider" value={provider} onChange={(e) => onProviderChange(e.target.value)} disabled={disabled} data-testid="run-provider">
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid min-w-0 gap-1.5">
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
          aria-invalid={!model.trim() || undefined}
          disabled={disabled}
          data-testid="run-model"
        />
        <datalist id="run-model-suggestions">
          {suggestions.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </div>
      {PARAMS.map((p) => (
        <div key={p.key} className="grid min-w-0 gap-1.5">
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
            placeholder="default"
            aria-label={`${p.label}, ${p.min} to ${p.max}; empty for the default`}
            disabled={disabled}
            data-testid={`run-param-${p.key}`}
          />
        </div>
      ))}
    </div>
  );
}
