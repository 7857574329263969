import { z } from 'zod';
import { binary, DEFAULT_VALUE, quote, requireValue, textOrNumber } from './config-fields';
import { interpolateValue } from './interpolate';
import type { EvaluatorDefinition } from './types';

const configSchema = z.strictObject({
  /** The text the output must contain; default `{{expected}}` (JSON-encoded when it is not text). */
  value: textOrNumber.optional(),
  /** Ignore case (default false; `icontains` defaults to true). */
  ignoreCase: z.boolean().optional(),
});
export type ContainsConfig = z.infer<typeof configSchema>;

export const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** contains / icontains: the same check, differing only in the default for ignoreCase. */
export function containsDefinition(type: 'contains' | 'icontains'): EvaluatorDefinition<ContainsConfig> {
  return {
    type,
    configSchema,
    async evaluate(config, ctx) {
      const needle = asText(requireValue(interpolateValue(config.value ?? DEFAULT_VALUE, ctx.vars)));
      const ignoreCase = config.ignoreCase ?? type === 'icontains';
      const pass = ignoreCase ? ctx.output.toLowerCase().includes(needle.toLowerCase()) : ctx.output.includes(needle);
      return binary(pass, `the output ${pass ? 'contains' : 'does not contain'} ${quote(needle)}${ignoreCase ? ' (ignoring case)' : ''}`);
    },
  };
}

export const containsEvaluator = containsDefinition('contains');
