import { z } from 'zod';
import { configText, quote } from './config-fields';
import { interpolate } from './interpolate';
import type { EvalContext, EvaluatorOutcome } from './types';

export const MAX_VALUES = 100;

export const listConfigSchema = z.strictObject({
  /** Texts to look for (each may use `{{…}}`), 1–100. */
  values: z.array(configText.min(1, 'must not be empty')).min(1, 'list at least one value').max(MAX_VALUES, `at most ${MAX_VALUES} values`),
  /** Ignore case (default false). */
  ignoreCase: z.boolean().default(false),
});
export type ListConfig = z.infer<typeof listConfigSchema>;

/** Which of the values the output contains; score = the share found. */
export function matchValues(config: ListConfig, ctx: EvalContext, mode: 'any' | 'all'): EvaluatorOutcome {
  const haystack = config.ignoreCase ? ctx.output.toLowerCase() : ctx.output;
  const values = config.values.map((v) => interpolate(v, ctx.vars));
  const found = values.filter((v) => haystack.includes(config.ignoreCase ? v.toLowerCase() : v));
  const missing = values.filter((v) => !found.includes(v));
  if (mode === 'any') {
    const pass = found.length > 0;
    return { pass, score: pass ? 1 : 0, reason: pass ? `the output contains ${quote(found[0]!)}` : `the output contains none of the ${values.length} values` };
  }
  const pass = missing.length === 0;
  const score = found.length / values.length;
  const reason = pass ? `the output contains all ${values.length} values` : `the output lacks ${missing.slice(0, 3).map((m) => quote(m, 40)).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}`;
  return { pass, score, reason };
}
