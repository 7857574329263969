import { z } from 'zod';
import { CELL_STATUSES, EXPERIMENT_STATUSES } from './statuses';
import { modelConfigSchema, versionNumberSchema } from '@/lib/prompts/schemas';

export const MAX_VARIANTS = 10;
export const MAX_EVALUATORS = 20;
export const MAX_REPEATS = 20;
export const MAX_CONCURRENCY = 100;
/** items × variants × repeats. */
export const MAX_CELLS = 50_000;

const paramsSchema = modelConfigSchema.omit({ provider: true, model: true }).partial();

export const variantSchema = z.strictObject({
  promptId: z.uuid({ message: 'must be a prompt id' }),
  /** Default: the prompt's current version. */
  versionNumber: versionNumberSchema.optional(),
  /** Default: the version's own model configuration. */
  provider: z.string().trim().min(1).max(50).optional(),
  model: z.string().trim().min(1).max(200).optional(),
  params: paramsSchema.optional(),
  label: z.string().trim().min(1).max(100).optional(),
});

/** The config is checked against the type's own schema (lib/evaluators/registry.ts) after this. */
export const evaluatorSpecSchema = z.strictObject({
  type: z.string().min(1).max(50),
  config: z.record(z.string(), z.unknown()).default({}),
  name: z.string().trim().min(1).max(100).optional(),
  weight: z.number().min(0).max(1000).optional(),
  threshold: z.number().min(0).max(1).optional(),
  not: z.boolean().optional(),
});

export const createExperimentSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  datasetId: z.uuid({ message: 'must be a dataset id' }),
  variants: z.array(variantSchema).min(1, 'add at least one variant').max(MAX_VARIANTS, `at most ${MAX_VARIANTS} variants`),
  evaluators: z.array(evaluatorSpecSchema).max(MAX_EVALUATORS, `at most ${MAX_EVALUATORS} evaluators`).default([]),
  repeats: z.number().int().min(1).max(MAX_REPEATS).default(1),
  concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).default(10),
  budgetUsd: z.number().positive().max(1_000_000).optional(),
  cache: z.boolean().default(true),
  /** A cell passes when its weighted score reaches this; default: every evaluator must pass. */
  threshold: z.number().min(0).max(1).optional(),
});
export type CreateExperimentInput = z.infer<typeof createExperimentSchema>;

/** POST /experiments/{id}/rerun: every field defaults to the original's (so no creation default applies here). */
export const rerunExperimentSchema = createExperimentSchema.partial().extend({
  evaluators: createExperimentSchema.shape.evaluators.unwrap().optional(),
  repeats: createExperimentSchema.shape.repeats.unwrap().optional(),
  concurrency: createExperimentSchema.shape.concurrency.unwrap().optional(),
  cache: createExperimentSchema.shape.cache.unwrap().optional(),
});
export type RerunExperimentInput = z.infer<typeof rerunExperimentSchema>;

export const experimentStatusSchema = z.enum(EXPERIMENT_STATUSES);
export const cellStatusSchema = z.enum(CELL_STATUSES);

export const listExperimentsQuerySchema = z.strictObject({
  datasetId: z.string().max(100).optional(),
  promptId: z.string().max(100).optional(),
  status: experimentStatusSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const listCellsQuerySchema = z.strictObject({
  variant: z.coerce.number().int().min(0).max(MAX_VARIANTS - 1).optional(),
  itemId: z.string().max(100).optional(),
  status: cellStatusSchema.optional(),
  result: z.enum(['pass', 'fail', 'error']).optional(),
  /** Search in the output. */
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** GET /experiments/{id}/items: the items it ran, in position order. */
export const listExperimentItemsQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const compareQuerySchema = z.strictObject({
  a: z.coerce.number().int().min(0).max(MAX_VARIANTS - 1),
  b: z.coerce.number().int().min(0).max(MAX_VARIANTS - 1),
});

export const experimentExportQuerySchema = z.strictObject({ format: z.enum(['csv', 'json']).default('json') });
