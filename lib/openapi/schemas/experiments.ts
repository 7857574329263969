import { z } from 'zod';
import type { CreatedExperiment } from '@/lib/experiments/create-experiment';
import { cellStatusSchema, experimentStatusSchema } from '@/lib/experiments/schemas';
import type { ExperimentProgress, VariantComparison, VariantSummary } from '@/lib/experiments/types';
import type { CellView, ExperimentDetailView, ExperimentView, ItemView } from '@/lib/experiments/views';
import { usageView } from './runs';
import { describes, isoDate, jsonObject, presentJsonValue, uuid } from './shared';

export const experimentStatusView = experimentStatusSchema.meta({ id: 'ExperimentStatus' });

const progressSchema = describes<ExperimentProgress>()(
  z.object({ total: z.int(), succeeded: z.int(), errored: z.int(), canceled: z.int(), pending: z.int() }).meta({ id: 'ExperimentProgress' }),
);

const evaluatorSpec = z
  .object({
    type: z.string(),
    config: jsonObject.meta({ description: 'Secrets read as `••••`' }),
    name: z.string().optional(),
    weight: z.number().optional(),
    threshold: z.number().optional(),
    not: z.boolean().optional(),
  })
  .meta({ id: 'EvaluatorSpec' });

const resolvedVariant = z.object({
  index: z.int(),
  label: z.string(),
  promptId: uuid,
  promptTitle: z.string(),
  versionId: uuid,
  versionNumber: z.int(),
  provider: z.string(),
  model: z.string(),
  params: jsonObject,
});

const experimentFields = {
  id: uuid,
  name: z.string(),
  status: experimentStatusView,
  datasetId: uuid.nullable().meta({ description: 'Null once the dataset is deleted (the experiment keeps its items)' }),
  datasetName: z.string(),
  sourceExperimentId: uuid.nullable().meta({ description: 'The experiment this one reran' }),
  config: z.object({
    variants: z.array(resolvedVariant),
    evaluators: z.array(evaluatorSpec),
    repeats: z.int(),
    concurrency: z.int(),
    budgetUsd: z.number().nullable(),
    cache: z.boolean(),
    threshold: z.number().nullable(),
  }),
  promptIds: z.array(uuid),
  totalCells: z.int(),
  progress: progressSchema,
  reusedCells: z.int(),
  savedUsd: z.number(),
  costUsd: z.number(),
  stopReason: z.enum(['canceled', 'budget']).nullable(),
  pausedUntil: isoDate.nullable().meta({ description: "Set while a provider's rate limit pauses the experiment" }),
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
};

export const experimentViewSchema = describes<ExperimentView>()(z.object(experimentFields).meta({ id: 'ExperimentView' }));

const interval = z.object({ low: z.number(), high: z.number() }).nullable();

const variantSummarySchema = describes<VariantSummary>()(
  z
    .object({
      variant: z.int(),
      label: z.string(),
      promptId: uuid,
      versionNumber: z.int(),
      provider: z.string(),
      model: z.string(),
      cells: z.int(),
      scored: z.int(),
      passed: z.int(),
      failed: z.int(),
      errored: z.int(),
      canceled: z.int(),
      pending: z.int(),
      reused: z.int(),
      passRate: z.number().nullable(),
      passRateCi: interval.meta({ description: '95% Wilson interval' }),
      meanScore: z.number().nullable(),
      meanScoreCi: interval.meta({ description: '95% bootstrap interval' }),
      latencyP50Ms: z.number().nullable(),
      latencyP95Ms: z.number().nullable(),
      tokens: z.object({ input: z.number(), output: z.number(), total: z.number() }),
      costUsd: z.number(),
      judgeCostUsd: z.number(),
      costPerItemUsd: z.number().nullable(),
      unknownCostCells: z.int(),
      flakyItems: z.int().nullable(),
      flakyShare: z.number().nullable(),
    })
    .meta({ id: 'VariantSummary' }),
);

export const experimentDetailSchema = describes<ExperimentDetailView>()(
  z.object({ ...experimentFields, summary: z.array(variantSummarySchema) }).meta({ id: 'ExperimentDetail' }),
);

export const createdExperimentSchema = describes<CreatedExperiment>()(
  z.object({ id: uuid, status: experimentStatusView, totalCells: z.int(), reusedCells: z.int(), savedUsd: z.number() }).meta({ id: 'CreatedExperiment' }),
);

export const experimentItemSchema = describes<ItemView>()(
  z.object({ itemId: uuid, position: z.int(), input: jsonObject, expected: presentJsonValue, metadata: jsonObject }).meta({ id: 'ExperimentItem' }),
);

const evaluatorResult = z.object({
  evaluator: z.string(),
  type: z.string(),
  status: z.enum(['pass', 'fail', 'error']),
  pass: z.boolean().nullable(),
  score: z.number().nullable(),
  reason: z.string(),
  weight: z.number(),
  costUsd: z.number().optional(),
});

const result = z.enum(['pass', 'fail', 'error']);

export const cellViewSchema = describes<CellView>()(
  z
    .object({
      id: uuid,
      itemId: uuid,
      variant: z.int(),
      repeat: z.int(),
      runId: uuid.nullable(),
      status: cellStatusSchema,
      runStatus: z.enum(['queued', 'running', 'succeeded', 'failed', 'canceled']).nullable(),
      output: z.string().nullable(),
      outputTruncated: z.boolean(),
      latencyMs: z.number().nullable(),
      costUsd: z.number().nullable(),
      usage: usageView.nullable(),
      results: z.array(evaluatorResult),
      pass: z.boolean().nullable(),
      result: result.nullable().meta({ description: 'A cell whose call failed reads as `error`' }),
      score: z.number().nullable(),
      reused: z.boolean(),
      errorCode: z.string().nullable(),
      errorMessage: z.string().nullable(),
    })
    .meta({ id: 'CellView' }),
);

export const comparisonSchema = describes<VariantComparison>()(
  z
    .object({
      a: z.int(),
      b: z.int(),
      pairs: z.int(),
      passRate: z.object({ a: z.number().nullable(), b: z.number().nullable(), diff: z.number().nullable(), ci: interval }),
      score: z.object({ a: z.number().nullable(), b: z.number().nullable(), diff: z.number().nullable(), ci: interval }),
      mcnemar: z.object({ aOnly: z.int(), bOnly: z.int(), pValue: z.number().nullable() }),
      verdict: z.enum(['a_better', 'b_better', 'inconclusive']),
      reason: z.string(),
      minDetectableDiff: z.number().nullable(),
    })
    .meta({ id: 'VariantComparison' }),
);
