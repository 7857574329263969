'use client';

import { PlusIcon, XIcon } from 'lucide-react';
import { NativeSelect } from '@/components/prompts/native-select';
import { useProviderModels } from '@/components/providers/use-providers';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { modelSuggestions } from '@/components/runs/model-retirement';
import { useNow } from '@/lib/client/format';
import type { ModelConfig } from '@/lib/client/types';
import { MAX_TARGETS, modelForProvider, nextTarget, type ProviderOption, type RunTarget } from './run-model-choice';

type Props = {
  targets: RunTarget[];
  options: ProviderOption[];
  /** The settings of what runs: a provider picked again starts from its model. */
  base: ModelConfig;
  /** API messages for the first target (the request names `provider` / `model`). */
  errors?: { provider?: string; model?: string };
  onChange: (targets: RunTarget[]) => void;
};

// Target 0 keeps the testids the older specs drive (run-provider, run-model).
const suffix = (i: number) => (i === 0 ? '' : `-${i}`);

/** The models one Run goes to, side by side: up to eight provider/model pairs. */
export function RunTargetPicker({ targets, options, base, errors, onChange }: Props) {
  const replace = (i: number, target: RunTarget) => onChange(targets.map((t, j) => (j === i ? target : t)));
  return (
    <div className="grid gap-2" data-testid="run-targets">
      {targets.map((target, i) => (
        <TargetRow
          key={i}
          index={i}
          target={target}
          options={options}
          invalid={i === 0 ? errors : undefined}
          removable={targets.length > 1}
          onChange={(next) => replace(i, next)}
          onPickProvider={(provider) => replace(i, { provider, model: modelForProvider(provider, base, options) })}
          onRemove={() => onChange(targets.filter((_, j) => j !== i))}
        />
      ))}
      {errors?.provider || errors?.model ? <p className="text-xs text-destructive">{errors.provider ?? errors.model}</p> : null}
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={targets.length >= MAX_TARGETS}
          onClick={() => onChange([...targets, nextTarget(targets, options)])}
          data-testid="run-add-target"
        >
          <PlusIcon aria-hidden="true" />
          {targets.length >= MAX_TARGETS ? `Up to ${MAX_TARGETS} models` : 'Compare with another model'}
        </Button>
      </div>
    </div>
  );
}

type RowProps = {
  index: number;
  target: RunTarget;
  options: ProviderOption[];
  invalid?: { provider?: string; model?: string };
  removable: boolean;
  onChange: (target: RunTarget) => void;
  onPickProvider: (provider: string) => void;
  onRemove: () => void;
};

/** One provider/model pair; the model field suggests what the provider's own endpoint lists. */
function TargetRow({ index: i, target, options, invalid, removable, onChange, onPickProvider, onRemove }: RowProps) {
  const { models } = useProviderModels(target.provider);
  const nowMs = useNow();
  const suggestions = nowMs ? modelSuggestions(target.provider, models, new Date(nowMs)) : models.map((model) => ({ model, tag: null }));
  const listId = `run-model-suggestions${suffix(i)}`;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.25fr)_auto] items-start gap-2" data-testid={`run-target-${i}`}>
      <NativeSelect
        value={target.provider}
        onChange={(e) => onPickProvider(e.target.value)}
        aria-label={`Provider of model ${i + 1}`}
        aria-invalid={Boolean(invalid?.provider) || undefined}
        data-testid={`run-provider${suffix(i)}`}
      >
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </NativeSelect>
      <Input
        value={target.model}
        onChange={(e) => onChange({ ...target, model: e.target.value })}
        list={listId}
        placeholder={models[0] ?? 'model name'}
        maxLength={200}
        spellCheck={false}
        autoComplete="off"
        className="font-mono"
        aria-label={`Model ${i + 1}`}
        aria-invalid={Boolean(invalid?.model) || !target.model.trim() || undefined}
        data-testid={`run-model${suffix(i)}`}
      />
      <datalist id={listId}>
        {suggestions.map(({ model, tag }) => (
          <option key={model} value={model} label={tag ?? undefined} />
        ))}
      </datalist>
      <Button type="button" variant="ghost" size="icon" disabled={!removable} onClick={onRemove} aria-label={`Remove model ${i + 1}`} data-testid={`run-remove-target-${i}`}>
        <XIcon aria-hidden="true" />
      </Button>
    </div>
  );
}
