'use client';

import { PlusIcon, XIcon } from 'lucide-react';
import { NativeSelect } from '@/components/prompts/native-select';
import { usePrompts } from '@/components/prompts/use-prompts';
import { useVersions } from '@/components/prompts/use-versions';
import { useAvailableProviders, useProviderModels } from '@/components/providers/use-providers';
import { Button } from '@/components/ui/button';
import { FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { MAX_VARIANTS } from '@/lib/experiments/schemas';
import { emptyVariant, type VariantDraft } from './experiment-form-model';

type Props = {
  variants: VariantDraft[];
  /** The prompt the form was opened on: new rows start from it. */
  promptId: string;
  errors: Record<string, string>;
  onChange: (variants: VariantDraft[]) => void;
};

/** Variant rows: prompt version × provider/model × temperature, with a label. */
export function VariantRows({ variants, promptId, errors, onChange }: Props) {
  const replace = (i: number, patch: Partial<VariantDraft>) => onChange(variants.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  const last = variants[variants.length - 1];
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">Variants</legend>
      {variants.map((variant, i) => (
        <VariantRow
          key={i}
          index={i}
          variant={variant}
          errors={errors}
          removable={variants.length > 1}
          onChange={(patch) => replace(i, patch)}
          onRemove={() => onChange(variants.filter((_, j) => j !== i))}
        />
      ))}
      <FieldMessage id="variants-error" message={errors.variants} />
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={variants.length >= MAX_VARIANTS}
          onClick={() => onChange([...variants, last ? { ...last, label: '' } : emptyVariant(promptId)])}
          data-testid="add-variant"
        >
          <PlusIcon aria-hidden="true" />
          {variants.length >= MAX_VARIANTS ? `Up to ${MAX_VARIANTS} variants` : 'Add variant'}
        </Button>
      </div>
    </fieldset>
  );
}

type RowProps = {
  index: number;
  variant: VariantDraft;
  errors: Record<string, string>;
  removable: boolean;
  onChange: (patch: Partial<VariantDraft>) => void;
  onRemove: () => void;
};

function VariantRow({ index: i, variant, errors, removable, onChange, onRemove }: RowProps) {
  const prompts = usePrompts({ q: '', tag: null });
  const versions = useVersions(variant.promptId);
  const { providers } = useAvailableProviders();
  const { models } = useProviderModels(variant.provider || null);
  const promptOptions = prompts.data?.pages.flatMap((p) => p.items) ?? [];
  const versionOptions = versions.data?.pages.flatMap((p) => p.items) ?? [];
  const error = (field: string) => errors[`variants.${i}.${field}`];
  const rowError = errors[`variants.${i}`] ?? error('promptId') ?? error('versionNumber') ?? error('provider') ?? error('model') ?? error('params.temperature') ?? error('label');
  const listId = `variant-model-suggestions-${i}`;
  return (
    <div className="grid gap-1.5 rounded-md border p-2" data-testid="variant-row" data-variant={i}>
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-medium text-muted-foreground">Variant {i}</span>
        <Button type="button" variant="ghost" size="icon" className="size-7" disabled={!removable} onClick={onRemove} aria-label={`Remove variant ${i}`}>
          <XIcon aria-hidden="true" />
        </Button>
      </div>
      <div className="grid gap-2 sm:grid-cols-2">
        {promptOptions.length > 1 ? (
          <NativeSelect
            value={variant.promptId}
            onChange={(e) => onChange({ promptId: e.target.value, versionNumber: null })}
            aria-label={`Prompt of variant ${i}`}
            aria-invalid={Boolean(error('promptId')) || undefined}
            data-testid={`variant-prompt-${i}`}
          >
            {promptOptions.some((p) => p.id === variant.promptId) ? null : <option value={variant.promptId}>This prompt</option>}
            {promptOptions.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </NativeSelect>
        ) : null}
        <NativeSelect
          value={variant.versionNumber === null ? '' : String(variant.versionNumber)}
          onChange={(e) => onChange({ versionNumber: e.target.value ? Number(e.target.value) : null })}
          aria-label={`Version of variant ${i}`}
          aria-invalid={Boolean(error('versionNumber')) || undefined}
          data-testid={`variant-version-${i}`}
        >
          <option value="">Current version</option>
          {versionOptions.map((v) => (
            <option key={v.id} value={String(v.versionNumber)}>
              v{v.versionNumber} · {v.model.model}
              {v.notes ? ` · ${v.notes.slice(0, 40)}` : ''}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.25fr)] gap-2">
        <NativeSelect
          value={variant.provider}
          onChange={(e) => onChange({ provider: e.target.value, model: e.target.value ? (providers.find((p) => p.id === e.target.value)?.models[0] ?? '') : '' })}
          aria-label={`Provider of variant ${i}`}
          aria-invalid={Boolean(error('provider')) || undefined}
          data-testid={`variant-provider-${i}`}
        >
          <option value="">Version’s own model</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </NativeSelect>
        <Input
          value={variant.model}
          onChange={(e) => onChange({ model: e.target.value })}
          disabled={!variant.provider}
          list={listId}
          placeholder={variant.provider ? (models[0] ?? 'model name') : 'as saved in the version'}
          maxLength={200}
          spellCheck={false}
          autoComplete="off"
          className="font-mono"
          aria-label={`Model of variant ${i}`}
          aria-invalid={Boolean(error('model')) || undefined}
          data-testid={`variant-model-${i}`}
        />
        <datalist id={listId}>
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </div>
      <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-2">
        <Input
          value={variant.temperature}
          onChange={(e) => onChange({ temperature: e.target.value })}
          inputMode="decimal"
          placeholder="temperature"
          aria-label={`Temperature of variant ${i}`}
          aria-invalid={Boolean(error('params.temperature')) || undefined}
          data-testid={`variant-temperature-${i}`}
        />
        <Input
          value={variant.label}
          onChange={(e) => onChange({ label: e.target.value })}
          maxLength={100}
          placeholder="label (default: version and model)"
          aria-label={`Label of variant ${i}`}
          aria-invalid={Boolean(error('label')) || undefined}
          data-testid={`variant-label-${i}`}
        />
      </div>
      <FieldMessage id={`variant-${i}-error`} message={rowError} />
    </div>
  );
}
