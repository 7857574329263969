import { z } from 'zod';

/** Token usage of one completion: what providers report, the runs table stores and the cache keeps. */
export const usageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedInputTokens: z.number(),
  cacheWriteTokens: z.number(),
  /**
   * Of cacheWriteTokens, those written with Anthropic's 1-hour lifetime (billed at their own price); the rest are
   * 5-minute writes. Absent on runs and cache entries from before it was recorded.
   */
  cacheWrite1hTokens: z.number().optional(),
  reasoningTokens: z.number(),
  totalTokens: z.number(),
  /** true when the provider reported no usage and we counted with a tokenizer. */
  estimated: z.boolean(),
});

export type Usage = z.infer<typeof usageSchema>;

/** Usage from token counts alone (no cache or reasoning split): what a tokenizer or the local model knows. */
export const countedUsage = (inputTokens: number, outputTokens: number, estimated = true): Usage => ({
  inputTokens,
  outputTokens,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: inputTokens + outputTokens,
  estimated,
});
