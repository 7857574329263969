import { z } from 'zod';
import type { EvaluatorDefinition } from './types';

const bound = z.number().int().min(0).max(100_000_000);

const configSchema = z
  .strictObject({
    /** Fewest characters (or words) the output may have. */
    min: bound.optional(),
    /** Most characters (or words) the output may have. */
    max: bound.optional(),
    /** `chars` (code points, the default) or `words` (runs of non-whitespace). */
    unit: z.enum(['chars', 'words']).default('chars'),
  })
  .refine((c) => c.min !== undefined || c.max !== undefined, { message: 'set `min`, `max` or both', path: ['max'] })
  .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, { message: 'must be at least `min`', path: ['max'] });
export type LengthConfig = z.infer<typeof configSchema>;

function countOf(text: string, unit: 'chars' | 'words'): number {
  if (unit === 'words') return text.split(/\s+/).filter(Boolean).length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export const lengthEvaluator: EvaluatorDefinition<LengthConfig> = {
  type: 'length',
  configSchema,
  async evaluate(config, ctx) {
    const n = countOf(ctx.output, config.unit);
    const pass = (config.min === undefined || n >= config.min) && (config.max === undefined || n <= config.max);
    const range = config.min !== undefined && config.max !== undefined ? `${config.min}–${config.max}` : config.min !== undefined ? `≥ ${config.min}` : `≤ ${config.max}`;
    const unit = config.unit === 'words' ? 'words' : 'characters';
    return { pass, score: pass ? 1 : 0, reason: `${n} ${unit}, ${pass ? 'within' : 'outside'} ${range}` };
  },
};
