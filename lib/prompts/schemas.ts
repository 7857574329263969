import { z } from 'zod';
import { MAX_INTEGER } from '@/lib/column-ranges';
import { LOCAL_MODEL_ID, LOCAL_PROVIDER_ID } from '@/lib/providers/catalog';
import { variableDefsSchema } from '@/lib/templates/variable-schema';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const DEFAULT_MODEL = { provider: LOCAL_PROVIDER_ID, model: LOCAL_MODEL_ID } as const;

/** A version number in a JSON body: prompt_versions.version_number is an `integer`. */
export const versionNumberSchema = z
  .number({ message: 'must be a version number' })
  .int('must be a whole version number')
  .positive('must be a version number (1, 2, 3…)')
  .max(MAX_INTEGER, `must be at most ${MAX_INTEGER.toLocaleString('en-US')}`);

/** The same from a path segment or query parameter, where it arrives as text. */
export const versionNumberParamSchema = z.coerce.number({ message: 'must be a version number' }).pipe(versionNumberSchema);

export const modelConfigSchema = z.strictObject({
  provider: z.string().trim().min(1, 'is required').max(50),
  model: z.string().trim().min(1, 'is required').max(200),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  topP: z.number().min(0).max(1).optional(),
  stop: z.array(z.string().min(1).max(100)).max(4, 'at most 4 stop sequences').optional(),
});
/** A version's model settings, as stored (prompt_versions.model) and answered. */
export type ModelConfig = z.infer<typeof modelConfigSchema>;

const tagsSchema = z
  .array(z.string().trim().toLowerCase().min(1, 'tags cannot be empty').max(40, 'tags are at most 40 characters'))
  .max(20, 'at most 20 tags')
  .transform((tags) => [...new Set(tags)]);

const slugSchema = z
  .string()
  .trim()
  .max(80)
  .regex(SLUG_PATTERN, 'use lowercase letters, digits and single dashes, like `support-reply`');

/** Content of a version: what POST /prompts and POST /prompts/{id}/versions share. */
const versionContent = {
  systemPrompt: z.string().max(100_000).optional(),
  userPrompt: z.string().min(1, 'is required: the user prompt template cannot be empty').max(100_000),
  variables: variableDefsSchema.optional(),
  model: modelConfigSchema.optional(),
  notes: z.string().max(2_000).optional(),
};

export const newVersionSchema = z.strictObject({
  ...versionContent,
  /** The version the editor started from: a save on a stale base is refused with 409. */
  baseVersionNumber: versionNumberSchema.optional(),
});
export type NewVersionInput = z.infer<typeof newVersionSchema>;

export const newPromptSchema = z.strictObject({
  title: z.string().trim().min(1, 'is required').max(200),
  slug: slugSchema.optional(),
  description: z.string().max(2_000).optional(),
  tags: tagsSchema.optional(),
  ...versionContent,
});
export type NewPromptInput = z.infer<typeof newPromptSchema>;

export const updatePromptSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'is required').max(200).optional(),
    slug: slugSchema.optional(),
    description: z.string().max(2_000).optional(),
    tags: tagsSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'send at least one of `title`, `slug`, `description`, `tags`');
export type UpdatePromptInput = z.infer<typeof updatePromptSchema>;

export const restoreSchema = z.strictObject({ versionNumber: versionNumberSchema });

export const listPromptsQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const listVersionsQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const diffQuerySchema = z.strictObject({ from: versionNumberParamSchema, to: versionNumberParamSchema });
