import { z } from 'zod';
import { versionNumberSchema } from '@/lib/prompts/schemas';

/** Limits of labels, shared by the API and the UI. */
export const LABEL_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,49}$/;
export const LATEST_LABEL = 'latest';
export const MAX_SPLIT_TARGETS = 5;
export const MAX_DEPLOYMENT_NOTE = 500;
export const MAX_LABELS_PER_PROMPT = 50;

const nameFormat = z
  .string({ message: 'must be a label name' })
  .regex(LABEL_NAME_PATTERN, 'use 1 to 50 lowercase letters, digits, `.`, `_` or `-`, starting with a letter or digit, like `production`');

/** A label that can be stored and moved: `latest` is reserved. */
export const labelNameSchema = nameFormat.refine((name) => name !== LATEST_LABEL, '`latest` always means the newest version; pick another name');

/** A label that can be read: a stored one or the virtual `latest`. */
export const readableLabelNameSchema = nameFormat;

export const labelParamsSchema = z.object({ label: labelNameSchema });
export const readableLabelParamsSchema = z.object({ label: readableLabelNameSchema });

export const labelTargetSchema = z.strictObject({
  versionNumber: versionNumberSchema,
  weight: z.number({ message: 'must be a whole number from 1 to 100' }).int('must be a whole number from 1 to 100').min(1, 'must be at least 1').max(100, 'must be at most 100'),
});
export type LabelTargetInput = z.infer<typeof labelTargetSchema>;

/** A split of 2 to 5 distinct versions whose weights add up to 100 (also what an imported label must be). */
export const splitSchema = z
  .array(labelTargetSchema, { message: 'must be a list of { versionNumber, weight }' })
  .min(2, `a split needs 2 to ${MAX_SPLIT_TARGETS} versions; for one version send \`versionNumber\``)
  .max(MAX_SPLIT_TARGETS, `a split has at most ${MAX_SPLIT_TARGETS} versions`)
  .superRefine((targets, ctx) => {
    const seen = new Set<number>();
    targets.forEach((target, i) => {
      if (seen.has(target.versionNumber)) {
        ctx.addIssue({ code: 'custom', path: [i, 'versionNumber'], message: `version ${target.versionNumber} appears twice: list each version once` });
      }
      seen.add(target.versionNumber);
    });
    const total = targets.reduce((sum, t) => sum + t.weight, 0);
    if (total !== 100) ctx.addIssue({ code: 'custom', message: `weights must add up to 100; these add up to ${total}` });
  });

const noteSchema = z.string({ message: 'must be text' }).trim().max(MAX_DEPLOYMENT_NOTE, `must be at most ${MAX_DEPLOYMENT_NOTE} characters`);

/**
 * PUT …/labels/{label}: one version or a split, plus a note; `protected` (admins) alone changes only the protection
 * of an existing label.
 */
export const putLabelSchema = z
  .strictObject({
    versionNumber: versionNumberSchema.optional(),
    split: splitSchema.optional(),
    note: noteSchema.optional(),
    protected: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.versionNumber !== undefined && body.split !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['split'], message: 'send either `versionNumber` or `split`, not both' });
    }
    if (body.versionNumber === undefined && body.split === undefined && body.protected === undefined) {
      ctx.addIssue({ code: 'custom', path: ['versionNumber'], message: 'is required: send `versionNumber` or a `split`' });
    }
  });
export type PutLabelInput = z.infer<typeof putLabelSchema>;

export const rollbackLabelSchema = z.strictObject({ note: noteSchema.optional() });

export const listDeploymentsQuerySchema = z.strictObject({
  label: labelNameSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const labelStatsQuerySchema = z.strictObject({
  days: z.coerce.number({ message: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be 1 to 365').max(365, 'must be 1 to 365').default(30),
});

/**
 * The targets a body asks for, weights 100 for one version; a split is kept sorted by version so the same split
 * assigns sticky keys the same way however the caller ordered it. Undefined when only `protected` was sent.
 */
export function requestedTargets(input: PutLabelInput): LabelTargetInput[] | undefined {
  if (input.versionNumber !== undefined) return [{ versionNumber: input.versionNumber, weight: 100 }];
  if (input.split) return [...input.split].sort((a, b) => a.versionNumber - b.versionNumber);
  return undefined;
}

export const sameTargets = (a: readonly LabelTargetInput[], b: readonly LabelTargetInput[]) =>
  a.length === b.length && a.every((t, i) => t.versionNumber === b[i]?.versionNumber && t.weight === b[i]?.weight);
