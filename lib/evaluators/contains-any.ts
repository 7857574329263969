import { listConfigSchema, matchValues, type ListConfig } from './contains-list';
import type { EvaluatorDefinition } from './types';

/** Passes when the output contains at least one of `values`. */
export const containsAnyEvaluator: EvaluatorDefinition<ListConfig> = {
  type: 'contains-any',
  configSchema: listConfigSchema,
  evaluate: async (config, ctx) => matchValues(config, ctx, 'any'),
};
