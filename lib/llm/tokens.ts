import * as cl100k from 'gpt-tokenizer/encoding/cl100k_base';
import * as o200k from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatMessage, Usage } from './types';

export type TokenEncoding = 'o200k_base' | 'cl100k_base';

// Prompts are user text: "<|endoftext|>" in them is plain text, not a special token (the default would throw).
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// Per-message framing of the chat format (<|im_start|>role<|im_sep|>…<|im_end|>) and the reply priming.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_REPLY = 3;

/** The BPE encoding of a model family: cl100k for GPT-4 (not 4o/4.1/4.5) and GPT-3.5, o200k for everything else. */
export function encodingForModel(model?: string): TokenEncoding {
  // OpenRouter-style ids ("openai/gpt-4-turbo") name the family after the slash.
  const id = (model ?? '').toLowerCase().split('/').pop() ?? '';
  if (/^gpt-3\.5/.test(id) || /^text-embedding-(ada-002|3-)/.test(id)) return 'cl100k_base';
  if (/^gpt-4(?![o.])/.test(id)) return 'cl100k_base';
  return 'o200k_base';
}

function tokenizer(model?: string) {
  return encodingForModel(model) === 'cl100k_base' ? cl100k : o200k;
}

export function encodeText(text: string, model?: string): number[] {
  return tokenizer(model).encode(text, PLAIN_TEXT);
}

export function decodeTokens(tokens: readonly number[], model?: string): string {
  return tokenizer(model).decode(tokens);
}

/** Decodes tokens chunk by chunk without splitting a multi-byte character across chunks. */
export function decodeTokenChunks(tokens: readonly number[], model?: string): Generator<string, void, void> {
  return tokenizer(model).decodeGenerator(tokens);
}

export function countTokens(text: string, model?: string): number {
  return encodeText(text, model).length;
}

/** Tokens of a chat prompt, framing included (the OpenAI cookbook count; equals gpt-tokenizer's encodeChat). */
export function countChatTokens(messages: readonly ChatMessage[], model?: string): number {
  let total = TOKENS_PER_REPLY;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + countTokens(message.role, model) + countTokens(message.content, model);
  }
  return total;
}

/** Usage counted with a tokenizer, for providers that report none (`estimated: true`). */
export function estimateUsage(messages: readonly ChatMessage[], output: string, model?: string): Usage {
  const inputTokens = countChatTokens(messages, model);
  const outputTokens = countTokens(output, model);
  return {
    inputTokens,
    outputTokens,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    totalTokens: inputTokens + outputTokens,
    estimated: true,
  };
}
