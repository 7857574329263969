import { z } from 'zod';
import { dateParamSchema } from '@/lib/column-ranges';
import { deliveryLabelSchema, deliverySlugSchema, splitKeySchema } from '@/lib/delivery/schemas';
import {
  MAX_TEMPLATE_CHARS,
  modelConfigSchema,
  templateMessagesSchema,
  versionNumberParamSchema,
  versionNumberSchema,
} from '@/lib/prompts/schemas';
import { MAX_VARIABLES, variableDefsSchema } from '@/lib/templates/variable-schema';
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

/**
 * Unsaved editor content to run instead of a version: what it leaves out comes from the current version, as in a
 * save. `messages` or systemPrompt/userPrompt, never both.
 */
export const runDraftSchema = z
  .strictObject({
    systemPrompt: z.string().max(MAX_TEMPLATE_CHARS).optional(),
    userPrompt: z.string().min(1, 'is required: the user prompt template cannot be empty').max(MAX_TEMPLATE_CHARS).optional(),
    messages: templateMessagesSchema.optional(),
    variables: variableDefsSchema.optional(),
    model: modelConfigSchema.optional(),
  })
  .superRefine((draft, ctx) => {
    if (draft.messages === undefined) return;
    for (const field of ['systemPrompt', 'userPrompt'] as const) {
      if (draft[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'send either `messages` or `systemPrompt`/`userPrompt`, not both' });
    }
  });
export type RunDraftInput = z.infer<typeof runDraftSchema>;

/** Longest `wait` of POST /runs: the request holds until the run finishes or this passes. */
export const MAX_RUN_WAIT_SECONDS = 60;

const createRunObject = z.strictObject({
  promptId: z.uuid({ message: 'must be a prompt id' }).optional(),
  /** Instead of promptId, as apps call it: the version `label` (or versionNumber) resolves to, as GET /prompts/by-slug does. */
  slug: deliverySlugSchema.optional(),
  label: deliveryLabelSchema.optional(),
  /** Picks a split label's target stickily (a user or session id). */
  key: splitKeySchema.optional(),
  versionNumber: versionNumberSchema.optional(),
  /** Run unsaved content (a draft run) instead of a version. */
  draft: runDraftSchema.optional(),
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
  /** Seconds to hold the request for the finished run (200 with it), else 202 as without. */
  wait: z.number({ message: 'must be a number of seconds' }).min(0, 'must be 0 or more').max(MAX_RUN_WAIT_SECONDS, `must be at most ${MAX_RUN_WAIT_SECONDS} seconds`).optional(),
});

export const createRunSchema = createRunObject.superRefine((input, ctx) => {
  if ((input.promptId === undefined) === (input.slug === undefined)) {
    ctx.addIssue({ code: 'custom', path: [input.slug === undefined ? 'promptId' : 'slug'], message: 'send either `promptId` or `slug`' });
  }
  for (const field of ['label', 'key'] as const) {
    if (input[field] !== undefined && input.slug === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'goes with `slug`: a label is resolved from the prompt\'s slug' });
  }
  if (input.slug !== undefined && input.draft !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['draft'], message: 'a draft runs by `promptId`, not by `slug`' });
  }
  if (input.label !== undefined && input.versionNumber !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['versionNumber'], message: 'send either `label` or `versionNumber`, not both' });
  }
  if (input.draft !== undefined && input.versionNumber !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['versionNumber'], message: 'leave it out when running a draft: a draft runs instead of a saved version' });
  }
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
  /** Runs of unsaved editor content (true) or of saved versions only (false). */
  draft: boolParam.optional(),
  q: z.string().trim().max(200).optional(),
  /** An experiment's cell runs; without it the history leaves experiment runs out. */
  experimentId: z.string().max(100).optional(),
  from: dateParamSchema.optional(),
  to: dateParamSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** POST /api/v1/runs/{id}/save-version: a draft run's template becomes the prompt's next version. */
export const saveRunVersionSchema = z.strictObject({
  notes: z.string().max(2_000).optional(),
  /** As in a save: refused with 409 when another version was saved since. */
  baseVersionNumber: versionNumberSchema.optional(),
});
export type SaveRunVersionInput = z.infer<typeof saveRunVersionSchema>;
