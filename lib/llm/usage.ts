import { z } from 'zod';

/** Token usage of one completion: what providers report, the runs table stores and the cache keeps. */
export const usageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedInputTokens: z.number(),
  cacheWriteTokens: z.number(),
  reasoningTokens: z.number(),
  totalTokens: z.number(),
  /** true when the provider reported no usage and we counted with a tokenizer. */
  estimated: z.boolean(),
});

export type Usage = z.infer<typeof usageSchema>;
