import { z } from 'zod';
import type { VersionDiff } from '@/lib/diff/version-diff';
import type { DraftView } from '@/lib/prompts/drafts';
import type { InputSetView } from '@/lib/prompts/input-sets';
import { draftContentSchema, modelConfigSchema, templateMessageSchema } from '@/lib/prompts/schemas';
import type { PromptListItem, PromptView, VersionSummaryView, VersionView } from '@/lib/prompts/views';
import { variableDefSchema } from '@/lib/templates/variable-schema';
import { describes, isoDate, jsonObject, uuid } from './shared';

export const modelConfigView = modelConfigSchema.meta({ id: 'ModelConfig', description: 'Provider, model and generation settings' });
export const templateMessageView = templateMessageSchema.meta({ id: 'TemplateMessage' });
export const variableDefView = variableDefSchema.meta({ id: 'VariableDef', description: 'A declared `{{variable}}`' });

const authorSchema = z.object({ id: uuid, name: z.string().nullable(), email: z.string().nullable() }).meta({ id: 'VersionAuthor' });

export const versionViewSchema = describes<VersionView>()(
  z
    .object({
      id: uuid,
      promptId: uuid,
      versionNumber: z.int(),
      systemPrompt: z.string(),
      userPrompt: z.string(),
      messages: z.array(templateMessageView).meta({ description: 'Always set: a simple version answers its [system, user] turns' }),
      format: z.enum(['simple', 'chat']).meta({ description: '`chat` when saved as a list of messages' }),
      variables: z.array(variableDefView),
      model: modelConfigView,
      notes: z.string(),
      restoredFrom: z.int().nullable().meta({ description: 'The version this one copies, when made by a restore' }),
      author: authorSchema.nullable(),
      createdAt: isoDate,
    })
    .meta({ id: 'VersionView' }),
);

export const versionSummarySchema = describes<VersionSummaryView>()(
  z
    .object({
      id: uuid,
      versionNumber: z.int(),
      notes: z.string(),
      author: authorSchema.nullable(),
      createdAt: isoDate,
      restoredFrom: z.int().nullable(),
      model: modelConfigView,
    })
    .meta({ id: 'VersionSummary' }),
);

const promptFields = {
  id: uuid,
  title: z.string(),
  slug: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  versionCount: z.int(),
  createdAt: isoDate,
  updatedAt: isoDate,
};

export const promptViewSchema = describes<PromptView>()(
  z.object({ ...promptFields, currentVersion: versionViewSchema.nullable() }).meta({ id: 'PromptView' }),
);

export const promptListItemSchema = describes<PromptListItem>()(
  z
    .object({
      ...promptFields,
      currentVersion: z.object({ versionNumber: z.int(), provider: z.string(), model: z.string(), createdAt: isoDate }).nullable(),
    })
    .meta({ id: 'PromptListItem' }),
);

export const draftViewSchema = describes<DraftView>()(
  z
    .object({ content: draftContentSchema, baseVersionNumber: z.int().nullable(), updatedAt: isoDate })
    .meta({ id: 'DraftView', description: "The caller's unsaved editor state" }),
);

export const inputSetViewSchema = describes<InputSetView>()(
  z
    .object({ id: uuid, promptId: uuid, name: z.string(), values: jsonObject, createdBy: uuid.nullable(), createdAt: isoDate, updatedAt: isoDate })
    .meta({ id: 'InputSetView' }),
);

const diffLineSchema = z.object({
  kind: z.enum(['same', 'added', 'removed']),
  text: z.string(),
  oldLine: z.int().nullable(),
  newLine: z.int().nullable(),
});

const lineDiffSchema = z
  .object({
    lines: z.array(diffLineSchema),
    added: z.int(),
    removed: z.int(),
    tooLarge: z.literal(true).optional().meta({ description: 'A side is over the line limit: nothing is compared' }),
    lineCounts: z.object({ old: z.int(), new: z.int() }).optional(),
  })
  .meta({ id: 'LineDiff' });

const role = templateMessageSchema.shape.role;

export const versionDiffSchema = describes<VersionDiff & { from: number; to: number }>()(
  z
    .object({
      from: z.int(),
      to: z.int(),
      systemPrompt: lineDiffSchema,
      userPrompt: lineDiffSchema,
      model: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
      variables: z.object({
        added: z.array(variableDefView),
        removed: z.array(variableDefView),
        changed: z.array(z.object({ name: z.string(), from: variableDefView, to: variableDefView })),
      }),
      messages: z
        .array(
          z.object({
            kind: z.enum(['same', 'changed', 'added', 'removed']),
            oldIndex: z.int().nullable(),
            newIndex: z.int().nullable(),
            role: z.object({ from: role.nullable(), to: role.nullable() }),
            content: lineDiffSchema,
          }),
        )
        .nullable()
        .meta({ description: 'Turn by turn, when either version is a chat template' }),
      identical: z.boolean(),
      maxLines: z.int(),
    })
    .meta({ id: 'VersionDiff' }),
);
