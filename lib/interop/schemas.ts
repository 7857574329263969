import { z } from 'zod';
import { createExperimentSchema } from '@/lib/experiments/schemas';
import { IMPORT_FORMATS } from './source';

const flag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

export const importQuerySchema = z.strictObject({
  format: z.enum(IMPORT_FORMATS, { message: 'must be one of promptlab, promptfoo, langfuse, openai' }),
  dryRun: flag,
  /** The dataset's name for an OpenAI eval file (JSONL carries none). */
  name: z.string().trim().min(1).max(200).optional(),
});

export const promptExportQuerySchema = z.strictObject({ format: z.enum(['json', 'markdown']).default('json'), runs: flag });

const skippedSchema = z.object({ what: z.string(), why: z.string() }).meta({ id: 'ImportSkipped' });

export const importReportSchema = z
  .object({
    dryRun: z.boolean(),
    created: z.object({ prompts: z.number(), versions: z.number(), labels: z.number(), deployments: z.number(), datasets: z.number(), items: z.number() }),
    existing: z.object({ prompts: z.number(), versions: z.number(), datasets: z.number() }),
    skipped: z.array(skippedSchema),
    prompts: z.array(z.object({ id: z.string().nullable(), slug: z.string(), versionNumbers: z.array(z.number()) })),
    datasets: z.array(z.object({ id: z.string().nullable(), name: z.string(), items: z.number() })),
    experiment: createExperimentSchema.nullable().meta({ description: 'promptfoo: a ready body for POST /api/v1/experiments (null on a dry run)' }),
  })
  .meta({ id: 'ImportReport' });
