import { z } from 'zod';
import { binary, DEFAULT_VALUE, quote, requireValue, textOrNumber } from './config-fields';
import { asText } from './contains';
import { interpolateValue } from './interpolate';
import type { EvaluatorDefinition } from './types';

const configSchema = z.strictObject({
  /** The text the output must start with; default `{{expected}}`. */
  value: textOrNumber.optional(),
  /** Ignore leading whitespace of the output (default true). */
  trim: z.boolean().default(true),
  /** Ignore case (default false). */
  ignoreCase: z.boolean().default(false),
});
export type StartsWithConfig = z.infer<typeof configSchema>;

export const startsWithEvaluator: EvaluatorDefinition<StartsWithConfig> = {
  type: 'starts-with',
  configSchema,
  async evaluate(config, ctx) {
    const prefix = asText(requireValue(interpolateValue(config.value ?? DEFAULT_VALUE, ctx.vars)));
    const output = config.trim ? ctx.output.trimStart() : ctx.output;
    const pass = config.ignoreCase ? output.toLowerCase().startsWith(prefix.toLowerCase()) : output.startsWith(prefix);
    return binary(pass, `the output ${pass ? 'starts' : 'does not start'} with ${quote(prefix)}`);
  },
};
