import { listConfigSchema, matchValues, type ListConfig } from './contains-list';
import type { EvaluatorDefinition } from './types';

/** Passes when the output contains every one of `values`; the score is the share it contains. */
export const containsAllEvaluator: EvaluatorDefinition<ListConfig> = {
  type: 'contains-all',
  configSchema: listConfigSchema,
  evaluate: async (config, ctx) => matchValues(config, ctx, 'all'),
};
