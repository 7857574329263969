import { z } from 'zod';
import type { EvaluatorDefinition } from './types';

const configSchema = z.strictObject({
  /** The call must cost at most this many US dollars. */
  usd: z.number().min(0).max(1_000_000),
});
export type CostConfig = z.infer<typeof configSchema>;

const usd = (n: number) => `$${Number(n.toPrecision(3))}`;

export const costEvaluator: EvaluatorDefinition<CostConfig> = {
  type: 'cost',
  configSchema,
  async evaluate(config, ctx) {
    // Unknown is not cheap: a model without a price cannot pass or fail a cost check.
    if (ctx.costUsd === null) throw new Error('the cost of this call is unknown (no price for the model): set a workspace price in Settings');
    const pass = ctx.costUsd <= config.usd;
    return { pass, score: pass ? 1 : 0, reason: `${usd(ctx.costUsd)} ${pass ? '≤' : '>'} ${usd(config.usd)}` };
  },
};
