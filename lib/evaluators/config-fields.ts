import { z } from 'zod';

/** Longest string a config field holds (a `value`, each of `values`). */
export const MAX_CONFIG_TEXT = 10_000;
/** Longest JSON of a non-string `value` (equals). */
export const MAX_CONFIG_JSON_BYTES = 64 * 1024;

export const configText = z.string().max(MAX_CONFIG_TEXT, `at most ${MAX_CONFIG_TEXT.toLocaleString('en-US')} characters`);

/** A string (with `{{…}}`), or a number, compared as its text. */
export const textOrNumber = z.union([configText, z.number().finite()]).transform((value) => String(value));

/** Any JSON value, bounded in size. */
export const jsonValue = z.unknown().superRefine((value, ctx) => {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON' });
    return;
  }
  if (json === undefined) ctx.addIssue({ code: 'custom', message: 'must be JSON' });
  else if (Buffer.byteLength(json) > MAX_CONFIG_JSON_BYTES) ctx.addIssue({ code: 'custom', message: `is over ${MAX_CONFIG_JSON_BYTES / 1024} KB of JSON` });
});

export const DEFAULT_VALUE = '{{expected}}';

/** An evaluator's pass as a score. */
export const binary = (pass: boolean, reason: string) => ({ pass, score: pass ? 1 : 0, reason });

/** Quotes a value in a reason, cut to `max` characters. */
export function quote(text: string, max = 80): string {
  const shown = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return JSON.stringify(shown);
}

/** The expected text, or an error when the item has none (a config relying on `{{expected}}` is meaningless then). */
export function requireValue(value: unknown, field = 'value'): unknown {
  if (value === undefined || value === null) throw new Error(`the item has no expected value: add one or set \`${field}\``);
  return value;
}

/** An optional text field where an empty string (a form's blank input) means absent. */
export const optionalText = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
