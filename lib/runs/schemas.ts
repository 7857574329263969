import { z } from 'zod';
import { dateParamSchema } from '@/lib/column-ranges';
import { modelConfigSchema, versionNumberParamSchema, versionNumberSchema } from '@/lib/prompts/schemas';
import { MAX_VARIABLES } from '@/lib/templates/variable-schema';
import { runStatusSchema } from './statuses';

const paramsSchema = modelConfigSchema.omit({ provider: true, model: true });

/** Idempotency keys are unique per workspace in an index: bounded, and printable ASCII as in an HTTP header. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_IDEMPOTENCY_KEY_LENGTH, `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`)
  .regex(/^[\x20-\x7e]+$/, 'must be printable ASCII (letters, digits, punctuation and spaces)');

export const createRunSchema = z.strictObject({
  promptId: z.uuid({ message: 'must be a prompt id' }),
  versionNumber: versionNumberSchema.optional(),
  variables: z
    .record(z.string(), z.unknown())
    // Every name past the declared ones is an error anyway; this bounds the work of reporting them.
    .refine((values) => Object.keys(values).length <= MAX_VARIABLES, `at most ${MAX_VARIABLES} variables`)
    .default({}),
  provider: z.string().trim().min(1).max(50).optional(),
  model: z.string().trim().min(1).max(200).optional(),
  params: paramsSchema.optional(),
  cache: z.boolean().default(true),
  idempotencyKey: idempotencyKeySchema.optional(),
});
export type CreateRunInput = z.infer<typeof createRunSchema>;

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listRunsQuerySchema = z.strictObject({
  promptId: z.string().max(100).optional(),
  versionNumber: versionNumberParamSchema.optional(),
  status: runStatusSchema.optional(),
  provider: z.string().max(50).optional(),
  model: z.string().max(200).optional(),
  cached: boolParam.optional(),
  q: z.string().trim().max(200).optional(),
  from: dateParamSchema.optional(),
  to: dateParamSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
