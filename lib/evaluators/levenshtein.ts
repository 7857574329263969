import { z } from 'zod';
import { DEFAULT_VALUE, quote, requireValue, textOrNumber } from './config-fields';
import { asText } from './contains';
import { editDistance } from './edit-distance';
import { interpolateValue } from './interpolate';
import type { EvaluatorDefinition } from './types';

/** Both strings are cut to this many code points, which bounds the work (see edit-distance.ts). */
export const MAX_LEVENSHTEIN_CHARS = 10_000;
const DEFAULT_MAX_DISTANCE = 5;

const configSchema = z
  .strictObject({
    /** The text to compare with; default `{{expected}}`. */
    value: textOrNumber.optional(),
    /** Passes when the edit distance is at most this (default 5 when `min` is not set). */
    max: z.number().int().min(0).max(MAX_LEVENSHTEIN_CHARS).optional(),
    /** Passes when the similarity, 1 − distance / longer length, is at least this (0–1). */
    min: z.number().min(0).max(1).optional(),
    /** Ignore whitespace at both ends (default true). */
    trim: z.boolean().default(true),
  })
  .refine((config) => config.max === undefined || config.min === undefined, { message: 'set `max` (distance) or `min` (similarity), not both', path: ['min'] });
export type LevenshteinConfig = z.infer<typeof configSchema>;

export const levenshteinEvaluator: EvaluatorDefinition<LevenshteinConfig> = {
  type: 'levenshtein',
  configSchema,
  async evaluate(config, ctx) {
    const expectedText = asText(requireValue(interpolateValue(config.value ?? DEFAULT_VALUE, ctx.vars)));
    let a = Array.from(config.trim ? ctx.output.trim() : ctx.output);
    let b = Array.from(config.trim ? expectedText.trim() : expectedText);
    const cut = a.length > MAX_LEVENSHTEIN_CHARS || b.length > MAX_LEVENSHTEIN_CHARS;
    a = a.slice(0, MAX_LEVENSHTEIN_CHARS);
    b = b.slice(0, MAX_LEVENSHTEIN_CHARS);
    const distance = editDistance(a, b);
    const longer = Math.max(a.length, b.length);
    const similarity = longer === 0 ? 1 : 1 - distance / longer;
    const note = cut ? ` (compared the first ${MAX_LEVENSHTEIN_CHARS.toLocaleString('en-US')} characters of each)` : '';
    if (config.min !== undefined) {
      const pass = similarity >= config.min;
      return { pass, score: similarity, reason: `similarity ${similarity.toFixed(3)} ${pass ? '≥' : '<'} ${config.min} to ${quote(expectedText, 40)}${note}` };
    }
    const max = config.max ?? DEFAULT_MAX_DISTANCE;
    const pass = distance <= max;
    return { pass, score: similarity, reason: `edit distance ${distance} ${pass ? '≤' : '>'} ${max} from ${quote(expectedText, 40)}${note}` };
  },
};
