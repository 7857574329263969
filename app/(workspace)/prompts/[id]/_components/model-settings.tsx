'use client';

import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { NativeSelect } from '@/components/prompts/native-select';
import { DEFAULT_MODEL } from '@/lib/prompts/schemas';
import { useAvailableProviders, useProviderModels } from '@/components/providers/use-providers';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { ModelWarnings } from '@/components/runs/model-warning';
import { modelSuggestions, warningsForModels } from '@/components/runs/model-retirement';
import { useNow } from '@/lib/client/format';
import { MAX_STOP_SEQUENCES, parseStop, type ModelForm } from './model-form';
import { ResponseSchemaField } from './response-schema-field';
import { ToolsField } from './tools-field';

type Props = {
  value: ModelForm;
  onChange?: (value: ModelForm) => void;
  readOnly?: boolean;
  /** Messages by field path under `model.` (`temperature`, `responseSchema.schema`, `tools.0.name`): the browser's checks, then the last save's. */
  errors?: Record<string, string>;
};

export function ModelSettings({ value, onChange, readOnly = false, errors = {} }: Props) {
  const set = (patch: Partial<ModelForm>) => onChange?.({ ...value, ...patch });
  // The same providers the run panel offers: the local model plus whatever this workspace has configured.
  const { providers } = useAvailableProviders();
  const known = providers.find((p) => p.id === value.provider);
  // The endpoint's own model list when it answers, else the catalogue's suggestions.
  const { models } = useProviderModels(known ? value.provider : null);
  const nowMs = useNow();
  const suggestions = nowMs ? modelSuggestions(value.provider, models, new Date(nowMs)) : models.map((model) => ({ model, tag: null }));
  const warnings = warningsForModels([value], nowMs);
  const stopCount = parseStop(value.stop).length;
  const stopError = errors.stop;

  function changeProvider(provider: string) {
    // The built-in model has one fixed name; fill it in rather than make people look it up.
    const model = provider === 'local' && !value.model.trim() ? DEFAULT_MODEL.model : value.model;
    set({ provider, model });
  }

  return (
    <section aria-labelledby="model-heading" className="rounded-xl border bg-card p-4 text-card-foreground shadow-xs">
      <h2 id="model-heading" className="mb-3 text-sm font-semibold">
        Model settings
      </h2>
      {/* A disabled fieldset makes the whole form read-only in one place. */}
      <fieldset disabled={readOnly} className="grid gap-3 sm:grid-cols-2">
        <legend className="sr-only">Model settings</legend>
        <div className="grid gap-1.5">
          <Label htmlFor="model-provider">Provider</Label>
          <NativeSelect
            id="model-provider"
            value={value.provider}
            onChange={(e) => changeProvider(e.target.value)}
            data-testid="model-provider"
            {...fieldAria('model-provider-error', errors.provider)}
          >
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            {/* Keep a provider set through the API selectable, so viewing it doesn't change it. */}
            {!known ? <option value={value.provider}>{value.provider}</option> : null}
          </NativeSelect>
          <FieldMessage id="model-provider-error" message={errors.provider} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="model-name">Model</Label>
          <Input
            id="model-name"
            value={value.model}
            onChange={(e) => set({ model: e.target.value })}
            placeholder={models[0] ?? 'model name'}
            list="model-name-suggestions"
            maxLength={200}
            className="font-mono"
            spellCheck={false}
            aria-invalid={Boolean(errors.model) || undefined}
            aria-describedby={errors.model ? 'model-name-error' : undefined}
            data-testid="model-name"
          />
          <FieldMessage id="model-name-error" message={errors.model} />
          <datalist id="model-name-suggestions">
            {suggestions.map(({ model, tag }) => (
              <option key={model} value={model} label={tag ?? undefined} />
            ))}
          </datalist>
        </div>
        <ModelWarnings
          warnings={warnings}
          onSwitch={readOnly ? undefined : (_warning, replacement) => set({ model: replacement })}
          className="sm:col-span-2"
          testId="model-warning"
        />
        <NumberField
          id="model-temperature"
          label="Temperature"
          value={value.temperature}
          onChange={(temperature) => set({ temperature })}
          min={0}
          max={2}
          step={0.1}
          placeholder="default"
          error={errors.temperature}
        />
        <NumberField
          id="model-max-tokens"
          label="Max tokens"
          value={value.maxTokens}
          onChange={(maxTokens) => set({ maxTokens })}
          min={1}
          max={1_000_000}
          step={1}
          placeholder="default"
          integer
          error={errors.maxTokens}
        />
        <NumberField
          id="model-top-p"
          label="Top-p"
          value={value.topP}
          onChange={(topP) => set({ topP })}
          min={0}
          max={1}
          step={0.05}
          placeholder="default"
          error={errors.topP}
        />
        <div className="grid gap-1.5 sm:col-span-2">
          <div className="flex items-baseline justify-between gap-2">
            <Label htmlFor="model-stop">Stop sequences</Label>
            <span className={stopError ? 'text-xs font-medium text-destructive' : 'text-xs text-muted-foreground'}>
              {stopCount}/{MAX_STOP_SEQUENCES}
            </span>
          </div>
          <Textarea
            id="model-stop"
            value={value.stop}
            onChange={(e) => set({ stop: e.target.value })}
            rows={2}
            className="min-h-0 font-mono text-sm"
            spellCheck={false}
            placeholder="None"
            aria-invalid={Boolean(stopError) || undefined}
            aria-describedby="model-stop-hint"
            data-testid="model-stop"
          />
          <p id="model-stop-hint" className={stopError ? 'text-xs text-destructive' : 'text-xs text-muted-foreground'} data-testid={stopError ? 'field-error-model-stop' : undefined}>
            {stopError ?? 'Comma or newline separated. Write \\n for a newline and \\, for a comma.'}
          </p>
        </div>
        <ResponseSchemaField value={value.responseSchema} onChange={(responseSchema) => set({ responseSchema })} errors={errors} />
        <ToolsField value={value.tools} onChange={(tools) => set({ tools })} readOnly={readOnly} errors={errors} />
      </fieldset>
    </section>
  );
}

type NumberFieldProps = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  max: number;
  step: number;
  placeholder: string;
  integer?: boolean;
  error?: string;
};

function NumberField({ id, label, value, onChange, min, max, step, placeholder, integer = false, error }: NumberFieldProps) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        // Text, not type=number: a browser number field reports "1e" or "0,5" as empty, which would clear it silently.
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
          // Arrow keys still step the value, as in a number field.
          const n = Number(value.trim() || '0');
          if (!Number.isFinite(n)) return;
          e.preventDefault();
          const next = Math.min(max, Math.max(min, n + (e.key === 'ArrowUp' ? step : -step)));
          onChange(String(Number(next.toFixed(4))));
        }}
        placeholder={placeholder}
        data-testid={id}
        {...fieldAria(`${id}-error`, error, `${id}-range`)}
      />
      <span id={`${id}-range`} className="sr-only">
        {`Between ${min} and ${max}; leave empty for the provider default.`}
      </span>
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  );
}
