import { z } from 'zod';
import { versionNumberParamSchema, versionNumberSchema } from '@/lib/prompts/schemas';
import { MAX_VARIABLES } from '@/lib/templates/variable-schema';

/** A label name as prompt_labels stores it (the labels API refuses others), or the virtual `latest`. */
export const LABEL_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,49}$/;
export const deliveryLabelSchema = z
  .string()
  .regex(LABEL_NAME_PATTERN, 'must be a label name: lowercase letters, digits, `.`, `_` and `-`, at most 50 characters');

/** The caller's stickiness key for a split (a user or session id): the same key always gets the same version. */
export const MAX_SPLIT_KEY_LENGTH = 200;
export const splitKeySchema = z.string().min(1, 'must not be empty').max(MAX_SPLIT_KEY_LENGTH, `must be at most ${MAX_SPLIT_KEY_LENGTH} characters`);

const oneOfLabelOrVersion = (input: { label?: string; version?: number }, ctx: z.RefinementCtx) => {
  if (input.label !== undefined && input.version !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['version'], message: 'send either `label` or `version`, not both' });
  }
};

/** GET /api/v1/prompts/by-slug/{slug}?label=|version=&key= */
export const resolvePromptQuerySchema = z
  .strictObject({ label: deliveryLabelSchema.optional(), version: versionNumberParamSchema.optional(), key: splitKeySchema.optional() })
  .superRefine(oneOfLabelOrVersion);

/** POST /api/v1/prompts/by-slug/{slug}/render */
export const renderPromptBodySchema = z
  .strictObject({
    label: deliveryLabelSchema.optional(),
    version: versionNumberSchema.optional(),
    key: splitKeySchema.optional(),
    variables: z
      .record(z.string(), z.unknown())
      .refine((values) => Object.keys(values).length <= MAX_VARIABLES, `at most ${MAX_VARIABLES} variables`)
      .default({}),
  })
  .superRefine(oneOfLabelOrVersion);
export type RenderPromptBody = z.infer<typeof renderPromptBodySchema>;
