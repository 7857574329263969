import { z } from 'zod';
import type { EvaluatorDefinition } from './types';

const configSchema = z.strictObject({
  /** The call must take at most this many milliseconds. */
  ms: z.number().int().min(1).max(3_600_000),
});
export type LatencyConfig = z.infer<typeof configSchema>;

export const latencyEvaluator: EvaluatorDefinition<LatencyConfig> = {
  type: 'latency',
  configSchema,
  async evaluate(config, ctx) {
    if (ctx.latencyMs === null) throw new Error('the cell has no recorded latency');
    const pass = ctx.latencyMs <= config.ms;
    return { pass, score: pass ? 1 : 0, reason: `${ctx.latencyMs} ms ${pass ? '≤' : '>'} ${config.ms} ms` };
  },
};
