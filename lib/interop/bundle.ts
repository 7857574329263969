import { z } from 'zod';
import { MAX_DATASET_DESCRIPTION, MAX_DATASET_ITEMS, MAX_DATASET_NAME } from '@/lib/datasets/schemas';
import { labelTargetSchema, MAX_SPLIT_TARGETS } from '@/lib/labels/schemas';
import { modelConfigSchema, SLUG_PATTERN, templateMessageSchema, versionNumberSchema, MAX_TEMPLATE_CHARS, MAX_TEMPLATE_MESSAGES } from '@/lib/prompts/schemas';
import { variableDefsSchema } from '@/lib/templates/variable-schema';
import { invalidFile, isRecord, readStructured } from './read-file';
import type { ImportSource, Skipped } from './source';

/*
 * The PromptLab bundle, v1: what GET /api/v1/export writes and POST /api/v1/import?format=promptlab reads. Ids are
 * left out (they change between workspaces); versions, labels and deployments refer to each other by number and
 * position. Strict: an unknown field is an error, so a typo is never silently lost.
 */

export const BUNDLE_FORMAT = 'promptlab.bundle';
export const MAX_BUNDLE_PROMPTS = 2_000;
export const MAX_BUNDLE_VERSIONS = 1_000;
export const MAX_BUNDLE_DEPLOYMENTS = 2_000;
export const MAX_BUNDLE_DATASETS = 1_000;

const timestamp = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 timestamp' });
// Label names and splits are checked by the planner with the label rules, so one bad label is skipped, not the file.
const targetsSchema = z.array(labelTargetSchema).min(1).max(MAX_SPLIT_TARGETS);
const labelText = z.string().max(100);
const person = z.strictObject({ name: z.string().max(200).nullable(), email: z.string().max(320).nullable().optional() }).nullable();

export const bundleVersionSchema = z.strictObject({
  versionNumber: versionNumberSchema,
  systemPrompt: z.string().max(MAX_TEMPLATE_CHARS),
  userPrompt: z.string().max(MAX_TEMPLATE_CHARS),
  messages: z.array(templateMessageSchema).max(MAX_TEMPLATE_MESSAGES).nullable(),
  variables: variableDefsSchema,
  model: modelConfigSchema,
  notes: z.string().max(2_000),
  createdAt: timestamp,
  author: person.optional(),
  /** The version it restored, when it was a restore. */
  restoredFrom: versionNumberSchema.nullable().optional(),
});

export const bundleLabelSchema = z.strictObject({ name: labelText, targets: targetsSchema, protected: z.boolean() });

export const bundleDeploymentSchema = z.strictObject({
  label: labelText,
  action: z.enum(['move', 'rollback', 'delete', 'protect', 'unprotect']),
  from: targetsSchema.nullable(),
  to: targetsSchema.nullable(),
  note: z.string().max(500),
  actor: person.optional(),
  /** Position in this prompt's `deployments` of the deployment it undid. */
  rollbackOf: z.number().int().min(0).nullable(),
  createdAt: timestamp,
});

export const bundlePromptSchema = z.strictObject({
  slug: z.string().regex(SLUG_PATTERN, 'is not a slug').max(80),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(2_000),
  tags: z.array(z.string().min(1).max(40)).max(20),
  versions: z.array(bundleVersionSchema).min(1).max(MAX_BUNDLE_VERSIONS),
  labels: z.array(bundleLabelSchema).max(100),
  deployments: z.array(bundleDeploymentSchema).max(MAX_BUNDLE_DEPLOYMENTS),
  /** Only in a single prompt's export with `runs=true`: history, never imported. */
  runs: z.unknown().optional(),
});

export const bundleDatasetSchema = z.strictObject({
  name: z.string().trim().min(1).max(MAX_DATASET_NAME),
  description: z.string().max(MAX_DATASET_DESCRIPTION),
  items: z
    .array(z.strictObject({ input: z.record(z.string(), z.unknown()), expected: z.unknown(), metadata: z.record(z.string(), z.unknown()) }))
    .max(MAX_DATASET_ITEMS),
});

export const bundleSchema = z
  .strictObject({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(1),
    exportedAt: timestamp,
    workspace: z.strictObject({ name: z.string().max(200) }),
    prompts: z.array(bundlePromptSchema).max(MAX_BUNDLE_PROMPTS),
    datasets: z.array(bundleDatasetSchema).max(MAX_BUNDLE_DATASETS),
  })
  .meta({ id: 'PromptLabBundle' });
export type Bundle = z.infer<typeof bundleSchema>;
export type BundlePrompt = z.infer<typeof bundlePromptSchema>;

/** Parses a bundle (JSON) into the importer's common shape; a schema problem is a 422 naming the field. */
export function parseBundle(text: string): ImportSource {
  const read = readStructured(text, { yaml: false });
  // A file saved from GET /api/v1/export is the API's { data, error } envelope around the bundle.
  const root = isRecord(read) && 'data' in read && 'error' in read && isRecord(read.data) ? read.data : read;
  const parsed = bundleSchema.safeParse(root);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    if (path === 'format' || path === 'version') throw invalidFile(`this is not a PromptLab bundle v1: \`format\` must be "${BUNDLE_FORMAT}" and \`version\` 1`);
    throw parsed.error;
  }
  const skipped: Skipped[] = [];
  if (parsed.data.prompts.some((p) => p.versions.some((v) => v.author) || p.deployments.some((d) => d.actor))) {
    skipped.push({ what: 'authors of versions and deployments', why: 'authors are not carried across workspaces: imported versions are yours, imported history has no actor' });
  }
  const prompts = parsed.data.prompts.map((p) => {
    if (p.runs !== undefined) skipped.push({ what: `runs of \`${p.slug}\``, why: 'runs are history: an import never recreates them' });
    return {
      slug: p.slug,
      title: p.title,
      description: p.description,
      tags: p.tags,
      versions: p.versions.map((v) => ({
        sourceNumber: v.versionNumber,
        ...(v.messages ? { messages: v.messages } : { systemPrompt: v.systemPrompt, userPrompt: v.userPrompt }),
        variables: v.variables,
        model: v.model,
        notes: v.notes,
        createdAt: v.createdAt,
        restoredFrom: v.restoredFrom ?? null,
      })),
      labels: p.labels,
      deployments: p.deployments.map((d) => ({ label: d.label, action: d.action, from: d.from, to: d.to, note: d.note, createdAt: d.createdAt, rollbackOf: d.rollbackOf })),
    };
  });
  const datasets = parsed.data.datasets.map((d) => ({ name: d.name, description: d.description, items: d.items.map((i) => ({ input: i.input, expected: i.expected ?? null, metadata: i.metadata })) }));
  return { format: 'promptlab', prompts, datasets, skipped, experiment: null };
}
