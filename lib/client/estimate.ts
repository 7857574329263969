import { computeCostUsd, priceFor, type ModelPrice } from '@/lib/llm/pricing';
import { TOKENS_PER_MESSAGE, TOKENS_PER_REPLY } from '@/lib/llm/token-encoding';
import type { ChatMessage } from '@/lib/llm/types';
import { countedUsage } from '@/lib/llm/usage';
import type { TextCounts } from './token-budget';

export type RunEstimate = {
  /** Input tokens of the rendered prompt, chat framing included (the count the server estimates with). */
  inputTokens: number;
  /** Part of the prompt was extrapolated rather than counted. */
  estimated: boolean;
  /** Null when the price table does not know the model: shown as "unknown", never as free. */
  inputCostUsd: number | null;
  /** The most the reply can add at the max tokens setting, when one is set. */
  maxOutputTokens: number | null;
  maxCostUsd: number | null;
};

/** The texts to count for a chat prompt: each turn's role, then its content, in order (see estimateRun). */
export function chatTexts(messages: readonly ChatMessage[]): string[] {
  return messages.flatMap((message) => [message.role, message.content]);
}


type EstimateInput = {
  /** The counts of chatTexts(messages). */
  counts: TextCounts;
  provider: string;
  model: string;
  maxTokens?: number;
  /** The price table to use (the built-in one by default), for tests. */
  price?: ModelPrice | null;
  at?: Date;
};

/** Tokens and cost of running a prompt before running it, at today's price of the model. */
export function estimateRun({ counts, provider, model, maxTokens, price, at = new Date() }: EstimateInput): RunEstimate {
  const turns = Math.floor(counts.counts.length / 2);
  const inputTokens = TOKENS_PER_REPLY + turns * TOKENS_PER_MESSAGE + counts.counts.reduce((sum, n) => sum + n, 0);
  const known = price === undefined ? priceFor(provider, model, at) : price;
  const maxOutputTokens = maxTokens ?? null;
  return {
    inputTokens,
    estimated: counts.estimated,
    inputCostUsd: computeCostUsd(countedUsage(inputTokens, 0), known),
    maxOutputTokens,
    maxCostUsd: maxOutputTokens === null ? null : computeCostUsd(countedUsage(inputTokens, maxOutputTokens), known),
  };
}
