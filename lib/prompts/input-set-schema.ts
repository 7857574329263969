import { z } from 'zod';
import { isJsonValue, VARIABLE_NAME_PATTERN } from '@/lib/templates/variable-schema';

// Browser-safe: the run panel checks names and sizes before asking the server.
export const MAX_INPUT_SETS = 100;
export const MAX_INPUT_SET_NAME = 80;
export const MAX_INPUT_SET_KEYS = 100;
export const MAX_INPUT_SET_BYTES = 256 * 1024;

/** POST /api/v1/prompts/{id}/input-sets: named variable values; the same name replaces the set. */
export const saveInputSetSchema = z.strictObject({
  name: z
    .string({ message: 'Give the set a name' })
    .trim()
    .min(1, 'Give the set a name')
    .max(MAX_INPUT_SET_NAME, `Use at most ${MAX_INPUT_SET_NAME} characters`),
  values: z
    .record(
      z.string().regex(VARIABLE_NAME_PATTERN),
      z.unknown().refine((value) => value !== undefined && isJsonValue(value), 'Must be text, a number, true or false, or JSON'),
      {
        error: (issue) =>
          issue.code === 'invalid_key'
            ? 'Not a variable name: use letters, digits and _, starting with a letter or _'
            : 'Send the values as an object of variable names',
      },
    )
    .refine((values) => Object.keys(values).length <= MAX_INPUT_SET_KEYS, `A set holds at most ${MAX_INPUT_SET_KEYS} values`)
    .refine(
      (values) => new TextEncoder().encode(JSON.stringify(values)).length <= MAX_INPUT_SET_BYTES,
      `The values are larger than ${MAX_INPUT_SET_BYTES / 1024} KB`,
    ),
});
export type SaveInputSetInput = z.infer<typeof saveInputSetSchema>;
