import { z } from 'zod';
import { binary } from './config-fields';
import type { EvaluatorDefinition } from './types';

const configSchema = z.strictObject({
  /** Accept only an object or array, not a bare string or number (default false). */
  requireStructured: z.boolean().default(false),
});
export type IsJsonConfig = z.infer<typeof configSchema>;

export const isJsonEvaluator: EvaluatorDefinition<IsJsonConfig> = {
  type: 'is-json',
  configSchema,
  async evaluate(config, ctx) {
    let value: unknown;
    try {
      value = JSON.parse(ctx.output);
    } catch (error) {
      return binary(false, `the output is not JSON: ${error instanceof SyntaxError ? error.message : 'it does not parse'}`);
    }
    if (config.requireStructured && (typeof value !== 'object' || value === null)) return binary(false, 'the output is JSON but not an object or array');
    return binary(true, 'the output is valid JSON');
  },
};
