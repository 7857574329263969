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

/** A JSON Schema given in model settings (structured output, tool parameters): an object, bounded in size. */
export const MAX_JSON_SCHEMA_BYTES = 32_768;
export const MAX_TOOLS = 32;
const jsonSchemaObject = z
  .record(z.string(), z.unknown())
  .refine((schema) => JSON.stringify(schema).length <= MAX_JSON_SCHEMA_BYTES, `must be at most ${MAX_JSON_SCHEMA_BYTES.toLocaleString('en-US')} characters of JSON`);
// OpenAI and Anthropic both accept only these characters in schema and function names.
const functionName = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'use 1 to 64 letters, digits, `_` or `-`');

export const responseSchemaSchema = z.strictObject({
  name: functionName.default('response'),
  schema: jsonSchemaObject,
  strict: z.boolean().optional(),
});

export const toolDefinitionSchema = z.strictObject({
  name: functionName,
  description: z.string().max(2_000).optional(),
  parameters: jsonSchemaObject.default({ type: 'object', properties: {} }),
});

export const modelConfigSchema = z.strictObject({
  provider: z.string().trim().min(1, 'is required').max(50),
  model: z.string().trim().min(1, 'is required').max(200),
  temperature: z.number().min(0, 'must be between 0 and 2').max(2, 'must be between 0 and 2').optional(),
  maxTokens: z.number().int('must be a whole number').min(1, 'must be between 1 and 1,000,000').max(1_000_000, 'must be between 1 and 1,000,000').optional(),
  topP: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
  stop: z.array(z.string().min(1).max(100)).max(4, 'at most 4 stop sequences').optional(),
  /** Structured output: the reply must be JSON matching this schema. */
  responseSchema: responseSchemaSchema.optional(),
  /** Functions the model may call; its calls are recorded on the run. */
  tools: z
    .array(toolDefinitionSchema)
    .max(MAX_TOOLS, `at most ${MAX_TOOLS} tools`)
    .refine((tools) => new Set(tools.map((t) => t.name)).size === tools.length, 'tool names must be unique')
    .optional(),
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

export const MAX_TEMPLATE_CHARS = 100_000;
export const MAX_TEMPLATE_MESSAGES = 100;

export const templateMessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant'], { message: 'must be `system`, `user` or `assistant`' }),
  content: z.string().max(MAX_TEMPLATE_CHARS),
});
/** One turn of a chat template; `{{variables}}` may appear in any of them. */
export type TemplateMessage = z.infer<typeof templateMessageSchema>;

/** A chat template: system turns only at the start, and at least one non-empty user turn. */
export const templateMessagesSchema = z
  .array(templateMessageSchema)
  .min(1, 'add at least one message')
  .max(MAX_TEMPLATE_MESSAGES, `at most ${MAX_TEMPLATE_MESSAGES} messages`)
  .superRefine((messages, ctx) => {
    let seenTurn = false;
    messages.forEach((message, index) => {
      if (message.role === 'system' && seenTurn) {
        ctx.addIssue({ code: 'custom', path: [index, 'role'], message: 'system messages must come before the conversation' });
      }
      if (message.role !== 'system') seenTurn = true;
    });
    if (!messages.some((m) => m.role === 'user' && m.content.trim() !== '')) {
      ctx.addIssue({ code: 'custom', message: 'add a user message with some text' });
    }
  });

/** Content of a version: what POST /prompts and POST /prompts/{id}/versions share. */
const versionContent = {
  systemPrompt: z.string().max(MAX_TEMPLATE_CHARS).optional(),
  // Required unless `messages` is given (checked by requireTemplates).
  userPrompt: z.string().min(1, 'is required: the user prompt template cannot be empty').max(MAX_TEMPLATE_CHARS).optional(),
  /** A chat template instead of systemPrompt + userPrompt. */
  messages: templateMessagesSchema.optional(),
  variables: variableDefsSchema.optional(),
  model: modelConfigSchema.optional(),
  notes: z.string().max(2_000).optional(),
};

/** Either `messages` or `userPrompt` (with an optional `systemPrompt`), never both. */
function requireTemplates(value: { systemPrompt?: string; userPrompt?: string; messages?: unknown }, ctx: z.RefinementCtx) {
  if (value.messages !== undefined) {
    for (const field of ['systemPrompt', 'userPrompt'] as const) {
      if (value[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'send either `messages` or `systemPrompt`/`userPrompt`, not both' });
    }
  } else if (value.userPrompt === undefined) {
    ctx.addIssue({ code: 'custom', path: ['userPrompt'], message: 'is required: the user prompt template cannot be empty' });
  }
}

export const newVersionSchema = z
  .strictObject({
    ...versionContent,
    /** The version the editor started from: a save on a stale base is refused with 409. */
    baseVersionNumber: versionNumberSchema.optional(),
  })
  .superRefine(requireTemplates);
export type NewVersionInput = z.infer<typeof newVersionSchema>;

export const newPromptSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'is required').max(200),
    slug: slugSchema.optional(),
    description: z.string().max(2_000).optional(),
    tags: tagsSchema.optional(),
    ...versionContent,
  })
  .superRefine(requireTemplates);
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

/**
 * What a draft run rendered, recorded on the run (runs.template): the templates as a list of messages, the
 * declared variables and the model settings.
 */
export const runTemplateSchema = z.strictObject({
  messages: templateMessagesSchema,
  variables: variableDefsSchema,
  model: modelConfigSchema,
});
export type RunTemplate = z.infer<typeof runTemplateSchema>;

/** The editor's unsaved state, kept per user and prompt (PUT /api/v1/prompts/{id}/draft). */
export const MAX_DRAFT_BYTES = 512 * 1024;
export const draftContentSchema = z.strictObject({
  systemPrompt: z.string().max(MAX_TEMPLATE_CHARS).optional(),
  userPrompt: z.string().max(MAX_TEMPLATE_CHARS).optional(),
  // Drafts may be half-written: the chat rules are checked on save, not here.
  messages: z.array(templateMessageSchema).max(MAX_TEMPLATE_MESSAGES).optional(),
  variables: variableDefsSchema.optional(),
  model: modelConfigSchema.optional(),
  notes: z.string().max(2_000).optional(),
  /** The run panel's variable values, as typed. */
  values: z.record(z.string(), z.string().max(MAX_TEMPLATE_CHARS)).optional(),
});
export type DraftContent = z.infer<typeof draftContentSchema>;

/** PUT /api/v1/prompts/{id}/draft (here rather than in drafts.ts, which is server-only, so the OpenAPI document can use it). */
export const saveDraftSchema = z.strictObject({
  content: draftContentSchema,
  baseVersionNumber: versionNumberSchema.optional(),
});
