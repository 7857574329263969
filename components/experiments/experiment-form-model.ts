// Pure state of the experiment form ("Test" on a prompt, "Re-run changed" on an experiment): browser-safe.
import type { CreateExperimentBody } from '@/lib/client/experiment-types';
import type { EvaluatorSpec } from '@/lib/evaluators/types';
import type { ExperimentConfig } from '@/lib/experiments/types';
import { EVALUATOR_PRESETS, presetById, type PresetId } from './evaluator-presets';

export type VariantDraft = {
  promptId: string;
  /** null: the prompt's current version. */
  versionNumber: number | null;
  /** '' : the version's own provider and model. */
  provider: string;
  model: string;
  /** Text as typed; '' keeps the version's temperature. */
  temperature: string;
  label: string;
};

export type EvaluatorDraft = {
  preset: PresetId;
  /** The preset's fields as typed, by field key. */
  fields: Record<string, string>;
  /** The JSON config box (preset "custom", or to pass fields the preset has no input for). */
  configJson: string;
  name: string;
  not: boolean;
  weight: string;
  threshold: string;
};

export type ExperimentFormValues = {
  name: string;
  datasetId: string;
  variants: VariantDraft[];
  evaluators: EvaluatorDraft[];
  repeats: string;
  concurrency: string;
  budgetUsd: string;
  cache: boolean;
};

export const DEFAULT_CONCURRENCY = 10;

export function emptyVariant(promptId: string, versionNumber: number | null = null): VariantDraft {
  return { promptId, versionNumber, provider: '', model: '', temperature: '', label: '' };
}

export function evaluatorDraft(preset: PresetId): EvaluatorDraft {
  const def = presetById(preset);
  const fields: Record<string, string> = {};
  for (const field of def.fields) fields[field.key] = field.default ?? '';
  return { preset, fields, configJson: def.type === '' ? '{}' : '', name: '', not: false, weight: '', threshold: '' };
}

/**
 * Two rows to start from: the current version against the previous one; with a single version, that version on
 * its own model and on a second model when one is offered, else that one row (two identical rows compare nothing).
 */
export function defaultVariants(promptId: string, versionNumbers: readonly number[], otherModel?: { provider: string; model: string }): VariantDraft[] {
  const sorted = [...versionNumbers].sort((a, b) => b - a);
  const [current, previous] = sorted;
  if (current === undefined) return [emptyVariant(promptId)];
  if (previous !== undefined) return [emptyVariant(promptId, current), emptyVariant(promptId, previous)];
  if (!otherModel) return [emptyVariant(promptId, current)];
  return [emptyVariant(promptId, current), { ...emptyVariant(promptId, current), ...otherModel }];
}

export function defaultValues(promptId: string, versionNumbers: readonly number[], otherModel?: { provider: string; model: string }): ExperimentFormValues {
  return {
    name: '',
    datasetId: '',
    variants: defaultVariants(promptId, versionNumbers, otherModel),
    evaluators: [evaluatorDraft('contains-expected')],
    repeats: '1',
    concurrency: String(DEFAULT_CONCURRENCY),
    budgetUsd: '',
    cache: true,
  };
}

/** A stored experiment's settings as form values, for "Re-run changed" (webhook secrets stay redacted: retype them). */
export function valuesFromConfig(config: ExperimentConfig, datasetId: string | null, name = ''): ExperimentFormValues {
  return {
    name,
    datasetId: datasetId ?? '',
    variants: config.variants.map((v) => ({
      promptId: v.promptId,
      versionNumber: v.versionNumber,
      provider: v.provider,
      model: v.model,
      temperature: typeof v.params.temperature === 'number' ? String(v.params.temperature) : '',
      label: v.label,
    })),
    evaluators: config.evaluators.map(draftFromSpec),
    repeats: String(config.repeats),
    concurrency: String(config.concurrency),
    budgetUsd: config.budgetUsd === null ? '' : String(config.budgetUsd),
    cache: config.cache,
  };
}

/** The preset whose type matches (string fields filled in), or the JSON box with the whole config. */
export function draftFromSpec(spec: EvaluatorSpec): EvaluatorDraft {
  const found = EVALUATOR_PRESETS.find((p) => p.type === spec.type);
  const common = { name: spec.name ?? '', not: spec.not ?? false, weight: spec.weight === undefined ? '' : String(spec.weight), threshold: spec.threshold === undefined ? '' : String(spec.threshold) };
  if (!found) return { preset: 'custom', fields: { type: spec.type }, configJson: JSON.stringify(spec.config, null, 2), ...common };
  const preset = presetById(found.id);
  const fields: Record<string, string> = {};
  const rest: Record<string, unknown> = { ...spec.config };
  for (const field of preset.fields) {
    const value = spec.config[field.key];
    fields[field.key] = value === undefined ? '' : typeof value === 'string' ? value : Array.isArray(value) ? value.join('\n') : JSON.stringify(value);
    delete rest[field.key];
  }
  for (const key of Object.keys(preset.fixed ?? {})) delete rest[key];
  return { preset: found.id, fields, configJson: Object.keys(rest).length > 0 ? JSON.stringify(rest, null, 2) : '', ...common };
}

export type BuildResult = { body: CreateExperimentBody; errors: Record<string, string> };

/** A number field as typed: '' → undefined, else the number or an error message. */
function readNumber(text: string, { integer = false, min, max }: { integer?: boolean; min?: number; max?: number } = {}): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return 'Must be a number';
  if (integer && !Number.isInteger(value)) return 'Must be a whole number';
  if (min !== undefined && value < min) return `At least ${min}`;
  if (max !== undefined && value > max) return `At most ${max}`;
  return value;
}

/** The evaluator spec a draft sends; errors by the form's own paths (`evaluators.N.config.<key>` …). */
export function evaluatorSpec(draft: EvaluatorDraft, index: number, errors: Record<string, string>): EvaluatorSpec {
  const preset = presetById(draft.preset);
  const path = `evaluators.${index}`;
  let config: Record<string, unknown> = {};
  if (draft.configJson.trim()) {
    try {
      const parsed: unknown = JSON.parse(draft.configJson);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) errors[`${path}.config`] = 'Must be a JSON object';
      else config = parsed as Record<string, unknown>;
    } catch {
      errors[`${path}.config`] = 'Not valid JSON';
    }
  }
  for (const field of preset.fields) {
    const text = (draft.fields[field.key] ?? '').trim();
    if (text === '') {
      if (field.required) errors[`${path}.config.${field.key}`] = 'Required';
      continue;
    }
    if (field.kind === 'number') {
      const value = readNumber(text, { min: 0 });
      if (typeof value === 'string') errors[`${path}.config.${field.key}`] = value;
      else config[field.key] = value;
    } else if (field.kind === 'list') {
      config[field.key] = text.split('\n').map((s) => s.trim()).filter(Boolean);
    } else config[field.key] = draft.fields[field.key];
  }
  config = { ...config, ...preset.fixed };
  const type = preset.id === 'custom' ? (draft.fields.type ?? '').trim() : preset.type;
  if (!type) errors[`${path}.type`] = 'Required';
  const spec: EvaluatorSpec = { type, config };
  if (draft.name.trim()) spec.name = draft.name.trim();
  if (draft.not) spec.not = true;
  const weight = readNumber(draft.weight, { min: 0, max: 1000 });
  if (typeof weight === 'string') errors[`${path}.weight`] = weight;
  else if (weight !== undefined) spec.weight = weight;
  const threshold = readNumber(draft.threshold, { min: 0, max: 1 });
  if (typeof threshold === 'string') errors[`${path}.threshold`] = threshold;
  else if (threshold !== undefined) spec.threshold = threshold;
  return spec;
}

/** The POST /experiments (or …/rerun) body, and what the browser can already tell is wrong, by form path. */
export function buildRequestBody(values: ExperimentFormValues): BuildResult {
  const errors: Record<string, string> = {};
  if (!values.datasetId) errors.datasetId = 'Pick a dataset';
  const variants = values.variants.map((v, i) => {
    const variant: CreateExperimentBody['variants'][number] = { promptId: v.promptId };
    if (v.versionNumber !== null) variant.versionNumber = v.versionNumber;
    if (v.provider) {
      variant.provider = v.provider;
      if (!v.model.trim()) errors[`variants.${i}.model`] = 'Pick a model';
      else variant.model = v.model.trim();
    }
    const temperature = readNumber(v.temperature, { min: 0, max: 2 });
    if (typeof temperature === 'string') errors[`variants.${i}.params.temperature`] = temperature;
    else if (temperature !== undefined) variant.params = { temperature };
    if (v.label.trim()) variant.label = v.label.trim();
    return variant;
  });
  const evaluators = values.evaluators.map((e, i) => evaluatorSpec(e, i, errors));
  const body: CreateExperimentBody = { datasetId: values.datasetId, variants, evaluators, cache: values.cache };
  if (values.name.trim()) body.name = values.name.trim();
  const repeats = readNumber(values.repeats, { integer: true, min: 1, max: 20 });
  if (typeof repeats === 'string') errors.repeats = repeats;
  else if (repeats !== undefined) body.repeats = repeats;
  const concurrency = readNumber(values.concurrency, { integer: true, min: 1, max: 100 });
  if (typeof concurrency === 'string') errors.concurrency = concurrency;
  else if (concurrency !== undefined) body.concurrency = concurrency;
  const budget = readNumber(values.budgetUsd, { min: 0 });
  if (typeof budget === 'string') errors.budgetUsd = budget;
  else if (budget === 0) errors.budgetUsd = 'Must be more than 0';
  else if (budget !== undefined) body.budgetUsd = budget;
  return { body, errors };
}

/**
 * For "Re-run changed": only the fields that differ from the original's (the server defaults the rest to the
 * original's, so an untouched redacted webhook secret is never sent back as "••••").
 */
export function changedFields(original: CreateExperimentBody, body: CreateExperimentBody): Partial<CreateExperimentBody> {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (JSON.stringify(value) !== JSON.stringify(original[key as keyof CreateExperimentBody])) changed[key] = value;
  }
  return changed as Partial<CreateExperimentBody>;
}

/** Repeats as typed, 1 while the field is empty or invalid (the count still reads sensibly). */
export function repeatsOf(values: ExperimentFormValues): number {
  const n = Number(values.repeats);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export function cellCount(values: ExperimentFormValues, itemCount: number): number {
  return values.variants.length * itemCount * repeatsOf(values);
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** "3 variants × 100 items × 1 repeat = 300 cells" */
export function cellSummary(values: ExperimentFormValues, itemCount: number): string {
  const repeats = repeatsOf(values);
  return `${plural(values.variants.length, 'variant')} × ${plural(itemCount, 'item')} × ${plural(repeats, 'repeat')} = ${plural(cellCount(values, itemCount), 'cell')}`;
}

/** Model calls the experiment can make: one per cell, plus one per cell for each LLM judge. */
export function callEstimate(values: ExperimentFormValues, itemCount: number): { cells: number; judgeCalls: number } {
  const cells = cellCount(values, itemCount);
  const judges = values.evaluators.filter((e) => presetById(e.preset).type === 'llm-judge').length;
  return { cells, judgeCalls: cells * judges };
}

/** Every form path an API field error can land on, for formErrors(). */
export function errorPaths(values: ExperimentFormValues): string[] {
  const paths = ['name', 'datasetId', 'repeats', 'concurrency', 'budgetUsd', 'cache', 'variants', 'evaluators'];
  values.variants.forEach((_v, i) => paths.push(`variants.${i}`, `variants.${i}.promptId`, `variants.${i}.versionNumber`, `variants.${i}.provider`, `variants.${i}.model`, `variants.${i}.params.temperature`, `variants.${i}.label`));
  values.evaluators.forEach((e, i) => {
    paths.push(`evaluators.${i}`, `evaluators.${i}.type`, `evaluators.${i}.config`, `evaluators.${i}.name`, `evaluators.${i}.weight`, `evaluators.${i}.threshold`);
    for (const field of presetById(e.preset).fields) paths.push(`evaluators.${i}.config.${field.key}`);
  });
  return paths;
}
