'use client';

import { useState, type ReactNode } from 'react';
import { PlusIcon, XIcon } from 'lucide-react';
import { NativeSelect } from '@/components/prompts/native-select';
import { Button } from '@/components/ui/button';
import { FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { MAX_EVALUATORS } from '@/lib/experiments/schemas';
import { EVALUATOR_PRESETS, presetById, type PresetId } from './evaluator-presets';
import { evaluatorDraft, type EvaluatorDraft } from './experiment-form-model';

type Props = {
  evaluators: EvaluatorDraft[];
  errors: Record<string, string>;
  onChange: (evaluators: EvaluatorDraft[]) => void;
};

/** Evaluators from presets, each with its config fields (or a JSON box), not, weight and threshold. */
export function EvaluatorRows({ evaluators, errors, onChange }: Props) {
  const [preset, setPreset] = useState<PresetId>('exact-match');
  const replace = (i: number, patch: Partial<EvaluatorDraft>) => onChange(evaluators.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">Evaluators</legend>
      {evaluators.length === 0 ? <p className="text-xs text-muted-foreground">No evaluators: outputs are collected but not scored.</p> : null}
      {evaluators.map((evaluator, i) => (
        <EvaluatorRow key={i} index={i} draft={evaluator} errors={errors} onChange={(patch) => replace(i, patch)} onRemove={() => onChange(evaluators.filter((_, j) => j !== i))} />
      ))}
      <FieldMessage id="evaluators-error" message={errors.evaluators} />
      <div className="flex gap-2">
        <NativeSelect value={preset} onChange={(e) => setPreset(e.target.value as PresetId)} aria-label="Evaluator preset" wrapperClassName="max-w-64" data-testid="evaluator-preset">
          {EVALUATOR_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </NativeSelect>
        <Button
          type="button"
          variant="outline"
          size="sm"
          className="h-9"
          disabled={evaluators.length >= MAX_EVALUATORS}
          onClick={() => onChange([...evaluators, evaluatorDraft(preset)])}
          data-testid="add-evaluator"
        >
          <PlusIcon aria-hidden="true" />
          Add evaluator
        </Button>
      </div>
    </fieldset>
  );
}

type RowProps = { index: number; draft: EvaluatorDraft; errors: Record<string, string>; onChange: (patch: Partial<EvaluatorDraft>) => void; onRemove: () => void };

function EvaluatorRow({ index: i, draft, errors, onChange, onRemove }: RowProps) {
  const preset = presetById(draft.preset);
  const path = `evaluators.${i}`;
  const id = (key: string) => `evaluator-${i}-${key.replace(/\W/g, '-')}`;
  const [showJson, setShowJson] = useState(draft.configJson.trim() !== '' || preset.type === '');
  return (
    <div className="grid gap-2 rounded-md border p-2" data-testid="evaluator-row" data-evaluator={i} data-preset={draft.preset}>
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-medium">{preset.label}</span>
        <Button type="button" variant="ghost" size="icon" className="size-7" onClick={onRemove} aria-label={`Remove evaluator ${i + 1}`}>
          <XIcon aria-hidden="true" />
        </Button>
      </div>
      {preset.type === '' ? (
        <Field id={id('type')} label="Type" error={errors[`${path}.type`]}>
          <Input id={id('type')} value={draft.fields.type ?? ''} onChange={(e) => onChange({ fields: { ...draft.fields, type: e.target.value } })} placeholder="levenshtein" className="font-mono" />
        </Field>
      ) : null}
      {preset.fields.map((field) => {
        const value = draft.fields[field.key] ?? '';
        const set = (text: string) => onChange({ fields: { ...draft.fields, [field.key]: text } });
        const error = errors[`${path}.config.${field.key}`];
        return (
          <Field key={field.key} id={id(field.key)} label={field.label} error={error}>
            {field.kind === 'textarea' || field.kind === 'list' ? (
              <Textarea id={id(field.key)} value={value} onChange={(e) => set(e.target.value)} rows={3} placeholder={field.placeholder} className="font-mono text-xs" aria-invalid={Boolean(error) || undefined} data-testid={`evaluator-${i}-${field.key}`} />
            ) : (
              <Input id={id(field.key)} value={value} onChange={(e) => set(e.target.value)} placeholder={field.placeholder} inputMode={field.kind === 'number' ? 'decimal' : undefined} className="font-mono" aria-invalid={Boolean(error) || undefined} data-testid={`evaluator-${i}-${field.key}`} />
            )}
          </Field>
        );
      })}
      {preset.hint ? <p className="text-xs text-muted-foreground">{preset.hint}</p> : null}
      {showJson || errors[`${path}.config`] ? (
        <Field id={id('config')} label={preset.type === '' ? 'Config (JSON)' : 'More config (JSON, merged)'} error={errors[`${path}.config`]}>
          <Textarea id={id('config')} value={draft.configJson} onChange={(e) => onChange({ configJson: e.target.value })} rows={3} className="font-mono text-xs" aria-invalid={Boolean(errors[`${path}.config`]) || undefined} data-testid={`evaluator-${i}-config`} />
        </Field>
      ) : (
        <button type="button" className="justify-self-start text-xs text-muted-foreground underline-offset-2 hover:underline" onClick={() => setShowJson(true)}>
          Edit config as JSON
        </button>
      )}
      <div className="grid grid-cols-[auto_1fr_1fr_1fr] items-end gap-2">
        <label className="flex h-9 items-center gap-1.5 text-xs">
          <input type="checkbox" checked={draft.not} onChange={(e) => onChange({ not: e.target.checked })} data-testid={`evaluator-${i}-not`} />
          Not
        </label>
        <Field id={id('name')} label="Name" error={errors[`${path}.name`]}>
          <Input id={id('name')} value={draft.name} onChange={(e) => onChange({ name: e.target.value })} maxLength={100} placeholder={preset.type || 'name'} />
        </Field>
        <Field id={id('weight')} label="Weight" error={errors[`${path}.weight`]}>
          <Input id={id('weight')} value={draft.weight} onChange={(e) => onChange({ weight: e.target.value })} inputMode="decimal" placeholder="1" />
        </Field>
        <Field id={id('threshold')} label="Pass at score" error={errors[`${path}.threshold`]}>
          <Input id={id('threshold')} value={draft.threshold} onChange={(e) => onChange({ threshold: e.target.value })} inputMode="decimal" placeholder="own rule" />
        </Field>
      </div>
      <FieldMessage id={`evaluator-${i}-error`} message={errors[path]} />
    </div>
  );
}

function Field({ id, label, error, children }: { id: string; label: string; error: string | undefined; children: ReactNode }) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      {children}
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  );
}
