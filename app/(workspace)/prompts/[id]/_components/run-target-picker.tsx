'use client';

import { PlusIcon, XIcon } from 'lucide-react';
import { NativeSelect } from '@/components/prompts/native-select';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
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
      {targets.map((target, i) => {
        const suggestions = options.find((p) => p.id === target.provider)?.models ?? [];
        const listId = `run-model-suggestions${suffix(i)}`;
        return (
          <div key={i} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.25fr)_auto] items-start gap-2" data-testid={`run-target-${i}`}>
            <NativeSelect
              value={target.provider}
              onChange={(e) => replace(i, { provider: e.target.value, model: modelForProvider(e.target.value, base, options) })}
              aria-label={`Provider of model ${i + 1}`}
              aria-invalid={(i === 0 && Boolean(errors?.provider)) || undefined}
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
              onChange={(e) => replace(i, { ...target, model: e.target.value })}
              list={listId}
              placeholder={suggestions[0] ?? 'model name'}
              maxLength={200}
              spellCheck={false}
              autoComplete="off"
              className="font-mono"
              aria-label={`Model ${i + 1}`}
              aria-invalid={(i === 0 && Boolean(errors?.model)) || !target.model.trim() || undefined}
              data-testid={`run-model${suffix(i)}`}
            />
            <datalist id={listId}>
              {suggestions.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
            <Button
              type="button"
              variant="ghost"
              size="icon"
              disabled={targets.length === 1}
              onClick={() => onChange(targets.filter((_, j) => j !== i))}
              aria-label={`Remove model ${i + 1}`}
              data-testid={`run-remove-target-${i}`}
            >
              <XIcon aria-hidden="true" />
            </Button>
          </div>
        );
      })}
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
