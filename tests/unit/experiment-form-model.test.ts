import { describe, expect, it } from 'vitest';
import { createExperimentSchema } from '@/lib/experiments/schemas';
import type { ExperimentConfig } from '@/lib/experiments/types';
import { EVALUATOR_PRESETS } from '@/components/experiments/evaluator-presets';
import {
  buildRequestBody,
  callEstimate,
  changedFields,
  cellCount,
  cellSummary,
  defaultValues,
  defaultVariants,
  draftFromSpec,
  evaluatorDraft,
  evaluatorSpec,
  valuesFromConfig,
  type ExperimentFormValues,
} from '@/components/experiments/experiment-form-model';

const PROMPT = '6f1f3f7e-8c1a-4a53-9d59-3a3f5f0f9a11';
const DATASET = '0b6f0b8e-6f64-4a43-8d8b-0ad3d6f5c2a2';

function values(patch: Partial<ExperimentFormValues> = {}): ExperimentFormValues {
  return { ...defaultValues(PROMPT, [1, 3, 2]), datasetId: DATASET, ...patch };
}

describe('default variants', () => {
  it('compares the current version with the previous one', () => {
    expect(defaultVariants(PROMPT, [1, 3, 2]).map((v) => v.versionNumber)).toEqual([3, 2]);
  });

  it('puts a single version on its own model and on another one', () => {
    const rows = defaultVariants(PROMPT, [1], { provider: 'openai', model: 'gpt-4o-mini' });
    expect(rows.map((v) => [v.versionNumber, v.provider, v.model])).toEqual([
      [1, '', ''],
      [1, 'openai', 'gpt-4o-mini'],
    ]);
  });

  it('starts a single version without another model from one row, not two identical ones', () => {
    expect(defaultVariants(PROMPT, [4]).map((v) => [v.versionNumber, v.provider, v.model])).toEqual([[4, '', '']]);
  });
});

describe('buildRequestBody', () => {
  it('sends versions, model overrides, params and settings the server schema accepts', () => {
    const form = values({ repeats: '3', concurrency: '50', budgetUsd: '2.5', name: ' Smoke ', cache: false });
    form.variants[1] = { ...form.variants[1]!, provider: 'openai', model: ' gpt-4o ', temperature: '0.7', label: 'GPT-4o' };
    const { body, errors } = buildRequestBody(form);
    expect(errors).toEqual({});
    expect(body).toEqual({
      name: 'Smoke',
      datasetId: DATASET,
      variants: [
        { promptId: PROMPT, versionNumber: 3 },
        { promptId: PROMPT, versionNumber: 2, provider: 'openai', model: 'gpt-4o', params: { temperature: 0.7 }, label: 'GPT-4o' },
      ],
      evaluators: [{ type: 'contains', config: { value: '{{expected}}' } }],
      repeats: 3,
      concurrency: 50,
      budgetUsd: 2.5,
      cache: false,
    });
    expect(createExperimentSchema.safeParse(body).success).toBe(true);
  });

  it('leaves defaults to the server when fields are empty', () => {
    const { body } = buildRequestBody(values({ repeats: '', concurrency: '', budgetUsd: '' }));
    expect(body).not.toHaveProperty('repeats');
    expect(body).not.toHaveProperty('concurrency');
    expect(body).not.toHaveProperty('budgetUsd');
  });

  it('names each wrong field by the paths the API uses', () => {
    const form = values({ datasetId: '', repeats: '1.5', concurrency: '500', budgetUsd: '0' });
    form.variants[0] = { ...form.variants[0]!, provider: 'openai', model: ' ', temperature: '3' };
    form.evaluators = [evaluatorDraft('regex'), { ...evaluatorDraft('custom'), configJson: '[1]' }];
    const { errors } = buildRequestBody(form);
    expect(errors).toEqual({
      datasetId: 'Pick a dataset',
      repeats: 'Must be a whole number',
      concurrency: 'At most 100',
      budgetUsd: 'Must be more than 0',
      'variants.0.model': 'Pick a model',
      'variants.0.params.temperature': 'At most 2',
      'evaluators.0.config.pattern': 'Required',
      'evaluators.1.config': 'Must be a JSON object',
      'evaluators.1.type': 'Required',
    });
  });
});

describe('evaluator presets', () => {
  it('turn each preset into a spec of its type', () => {
    const types = EVALUATOR_PRESETS.filter((p) => p.type).map((p) => {
      const errors: Record<string, string> = {};
      const draft = evaluatorDraft(p.id);
      for (const field of p.fields) draft.fields[field.key] ||= field.kind === 'number' ? '5' : 'x';
      const spec = evaluatorSpec(draft, 0, errors);
      expect(errors).toEqual({});
      return spec.type;
    });
    expect(types).toEqual(['equals', 'contains', 'is-json', 'regex', 'javascript', 'llm-judge', 'latency', 'cost', 'webhook']);
  });

  it('sends numbers as numbers, not, weight and threshold, and merges the JSON box', () => {
    const draft = { ...evaluatorDraft('max-latency'), not: true, weight: '2', threshold: '0.5', name: 'fast', configJson: '{"extra": true}' };
    draft.fields.ms = '1500';
    const errors: Record<string, string> = {};
    expect(evaluatorSpec(draft, 2, errors)).toEqual({ type: 'latency', config: { extra: true, ms: 1500 }, name: 'fast', not: true, weight: 2, threshold: 0.5 });
    expect(errors).toEqual({});
  });

  it('a custom type takes its whole config from JSON, and bad JSON is named', () => {
    const errors: Record<string, string> = {};
    const custom = { ...evaluatorDraft('custom'), fields: { type: 'levenshtein' }, configJson: '{"max": 3}' };
    expect(evaluatorSpec(custom, 0, errors)).toEqual({ type: 'levenshtein', config: { max: 3 } });
    evaluatorSpec({ ...custom, configJson: '{max' }, 1, errors);
    expect(errors).toEqual({ 'evaluators.1.config': 'Not valid JSON' });
  });

  it('a stored spec comes back as its preset, unknown keys in the JSON box', () => {
    const draft = draftFromSpec({ type: 'regex', config: { pattern: 'a+', flags: 'i', extra: 1 }, weight: 3 });
    expect(draft).toMatchObject({ preset: 'regex', fields: { pattern: 'a+', flags: 'i' }, weight: '3' });
    expect(JSON.parse(draft.configJson)).toEqual({ extra: 1 });
    expect(draftFromSpec({ type: 'length', config: { min: 1 } })).toMatchObject({ preset: 'custom', fields: { type: 'length' } });
  });
});

describe('cell count', () => {
  it('is variants × items × repeats, and says so', () => {
    const form = values({ repeats: '2' });
    form.variants.push({ ...form.variants[0]! });
    expect(cellCount(form, 100)).toBe(600);
    expect(cellSummary(form, 100)).toBe('3 variants × 100 items × 2 repeats = 600 cells');
    expect(cellSummary(values({ repeats: '' }), 1)).toBe('2 variants × 1 item × 1 repeat = 2 cells');
  });

  it('counts a judge call per cell and judge', () => {
    const form = values({ evaluators: [evaluatorDraft('llm-judge'), evaluatorDraft('valid-json')] });
    expect(callEstimate(form, 10)).toEqual({ cells: 20, judgeCalls: 20 });
  });
});

describe('rerun values', () => {
  it('prefill the form from a stored config and send the same settings back', () => {
    const config: ExperimentConfig = {
      variants: [
        { index: 0, label: 'v1', promptId: PROMPT, promptTitle: 'P', versionId: 'x', versionNumber: 1, provider: 'openai', model: 'gpt-4o-mini', params: { temperature: 0.2 } },
      ],
      evaluators: [{ type: 'contains', config: { value: '{{expected}}' }, name: 'contains' }],
      repeats: 2,
      concurrency: 5,
      budgetUsd: null,
      cache: true,
      threshold: null,
    };
    const { body, errors } = buildRequestBody(valuesFromConfig(config, DATASET));
    expect(errors).toEqual({});
    expect(body).toMatchObject({
      datasetId: DATASET,
      variants: [{ promptId: PROMPT, versionNumber: 1, provider: 'openai', model: 'gpt-4o-mini', params: { temperature: 0.2 }, label: 'v1' }],
      evaluators: [{ type: 'contains', config: { value: '{{expected}}' }, name: 'contains' }],
      repeats: 2,
      concurrency: 5,
    });
  });
});

describe('changedFields', () => {
  it('keeps only what differs from the original, whole arrays included', () => {
    const original = buildRequestBody(values()).body;
    const edited = values({ repeats: '2' });
    edited.variants[1] = { ...edited.variants[1]!, temperature: '1' };
    const changed = changedFields(original, buildRequestBody(edited).body);
    expect(Object.keys(changed).sort()).toEqual(['repeats', 'variants']);
    expect(changed.variants).toHaveLength(2);
    expect(changedFields(original, buildRequestBody(values()).body)).toEqual({});
  });
});
