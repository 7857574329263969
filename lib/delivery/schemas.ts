import { z } from 'zod';
import { readableLabelNameSchema } from '@/lib/labels/schemas';
import { SLUG_PATTERN, versionNumberParamSchema, versionNumberSchema } from '@/lib/prompts/schemas';
import { MAX_VARIABLES } from '@/lib/templates/variable-schema';

/** A label to resolve: a stored one or the virtual `latest` (the labels' own rule). */
export const deliveryLabelSchema = readableLabelNameSchema;

/** A prompt's slug as apps send it (runs by slug): the prompts' own rule. */
export const deliverySlugSchema = z
  .string()
  .trim()
  .max(80, 'must be at most 80 characters')
  .regex(SLUG_PATTERN, 'must be a prompt slug: lowercase letters, digits and single dashes, like `support-reply`');

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
