import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { assertUsableModelSchemas, checkOutput } from '@/lib/llm/json-schema';
import { binary } from './config-fields';
import type { EvaluatorDefinition } from './types';

export const MAX_SCHEMA_BYTES = 32 * 1024;

const configSchema = z.strictObject({
  /** A JSON Schema (draft 2020-12) the output, parsed as JSON, must match; patterns run on RE2. */
  schema: z
    .record(z.string(), z.unknown())
    .refine((schema) => Buffer.byteLength(JSON.stringify(schema)) <= MAX_SCHEMA_BYTES, `is over ${MAX_SCHEMA_BYTES / 1024} KB of JSON`)
    .superRefine((schema, ctx) => {
      try {
        // The same compile checks (depth, RE2 patterns, deadline) as a model setting's response schema.
        assertUsableModelSchemas({ responseSchema: { name: 'evaluator', schema } }, '');
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.details?.fields?.[0]?.message ?? error.message });
      }
    }),
});
export type JsonSchemaConfig = z.infer<typeof configSchema>;

export const jsonSchemaEvaluator: EvaluatorDefinition<JsonSchemaConfig> = {
  type: 'json-schema',
  configSchema,
  async evaluate(config, ctx) {
    const check = checkOutput(config.schema, ctx.output);
    if (check.valid) return binary(true, 'the output matches the schema');
    const [first = ''] = check.errors;
    // The check itself failing says nothing about the output: an error, not a fail.
    if (/^(The schema cannot be used|Checking the reply against the schema took too long|The reply could not be checked)/.test(first)) throw new Error(first);
    return binary(false, check.errors.slice(0, 3).join('; '));
  },
};
