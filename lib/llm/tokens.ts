import 'server-only';
import { createRequire } from 'node:module';
import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { splitForEncoding } from './token-chunks';
import type { ChatMessage, Usage } from './types';

export type TokenEncoding = 'o200k_base' | 'cl100k_base';
type Tokenizer = typeof import('gpt-tokenizer/encoding/o200k_base');

// Prompts are user text: "<|endoftext|>" in them is plain text, not a special token (the default would throw).
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// Per-message framing of the chat format (<|im_start|>role<|im_sep|>…<|im_end|>) and the reply priming.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_REPLY = 3;

/**
 * What one count encodes exactly: 200,000 characters of ordinary text (about 30 ms), fewer of text that is costly
 * to merge (long runs without spaces, see token-chunks.ts), about 20 ms of it. Past either budget the rest is
 * extrapolated from the part counted and the count is marked estimated, so the largest allowed prompt (1 MB) counts
 * in well under 100 ms whatever it contains.
 */
export const EXACT_COUNT_CHARS = 200_000;
export const EXACT_COUNT_WORK = 16 * EXACT_COUNT_CHARS;
// With less than this left of the budget, a text is estimated from what was counted before (or ~4 chars a token).
const MIN_SAMPLE_CHARS = 4_096;
const CHARS_PER_TOKEN = 4;
// Bounds the encoder's memo of merged pre-tokens (its default keeps 100,000 of them).
const MERGE_CACHE_ENTRIES = 20_000;

/** The BPE encoding of a model family: cl100k for GPT-4 (not 4o/4.1/4.5) and GPT-3.5, o200k for everything else. */
export function encodingForModel(model?: string): TokenEncoding {
  // OpenRouter-style ids ("openai/gpt-4-turbo") name the family after the slash.
  const id = (model ?? '').toLowerCase().split('/').pop() ?? '';
  if (/^gpt-3\.5/.test(id) || /^text-embedding-(ada-002|3-)/.test(id)) return 'cl100k_base';
  if (/^gpt-4(?![o.])/.test(id)) return 'cl100k_base';
  return 'o200k_base';
}

// The BPE ranks take a quarter of a second and tens of MB to load: only on first use, not at start-up.
const load = createRequire(import.meta.url);
const loaded = new Map<TokenEncoding, Tokenizer>();

function tokenizer(encoding: TokenEncoding): Tokenizer {
  let found = loaded.get(encoding);
  if (!found) {
    found = (encoding === 'cl100k_base' ? load('gpt-tokenizer/encoding/cl100k_base') : load('gpt-tokenizer/encoding/o200k_base')) as Tokenizer;
    found.setMergeCacheSize(MERGE_CACHE_ENTRIES);
    loaded.set(encoding, found);
  }
  return found;
}

const splitPattern = (encoding: TokenEncoding) => (encoding === 'cl100k_base' ? CL100K_TOKEN_SPLIT_REGEX : O200K_TOKEN_SPLIT_REGEX);

/** The tokens of `text`, encoded in bounded pieces (see token-chunks.ts). */
export function encodeText(text: string, model?: string): number[] {
  const encoding = encodingForModel(model);
  const { encode } = tokenizer(encoding);
  const tokens: number[] = [];
  for (const piece of splitForEncoding(text, splitPattern(encoding))) {
    for (const token of encode(piece.text, PLAIN_TEXT)) tokens.push(token);
  }
  return tokens;
}

export function decodeTokens(tokens: readonly number[], model?: string): string {
  return tokenizer(encodingForModel(model)).decode(tokens);
}

/** Decodes tokens chunk by chunk without splitting a multi-byte character across chunks. */
export function decodeTokenChunks(tokens: readonly number[], model?: string): Generator<string, void, void> {
  return tokenizer(encodingForModel(model)).decodeGenerator(tokens);
}

export type TokenCount = { tokens: number; estimated: boolean };
/** What is left to count exactly (characters, encoder work), and what was counted (the rate used past it). */
type Budget = { chars: number; work: number; countedChars: number; countedTokens: number };
const newBudget = (): Budget => ({ chars: EXACT_COUNT_CHARS, work: EXACT_COUNT_WORK, countedChars: 0, countedTokens: 0 });

/** Counts `text` piece by piece while the budget lasts; the rest of it is extrapolated and marked estimated. */
function measure(text: string, encoding: TokenEncoding, budget: Budget): TokenCount {
  const { countTokens: count } = tokenizer(encoding);
  let tokens = 0;
  let chars = 0;
  for (const piece of splitForEncoding(text, splitPattern(encoding))) {
    if (piece.text.length > budget.chars || piece.work > budget.work) break;
    tokens += count(piece.text, PLAIN_TEXT);
    chars += piece.text.length;
    budget.chars -= piece.text.length;
    budget.work -= piece.work;
  }
  budget.countedChars += chars;
  budget.countedTokens += tokens;
  if (chars === text.length) return { tokens, estimated: false };
  const rest = text.length - chars;
  const perChar = budget.countedChars >= MIN_SAMPLE_CHARS ? budget.countedTokens / budget.countedChars : 1 / CHARS_PER_TOKEN;
  return { tokens: tokens + Math.round(rest * perChar), estimated: true };
}

/** Tokens of `text`: exact within the budget (EXACT_COUNT_CHARS, EXACT_COUNT_WORK), extrapolated and `estimated` past it. */
export function measureTokens(text: string, model?: string): TokenCount {
  return measure(text, encodingForModel(model), newBudget());
}

export function countTokens(text: string, model?: string): number {
  return measureTokens(text, model).tokens;
}

/** Tokens of a chat prompt, framing included (the OpenAI cookbook count; equals gpt-tokenizer's encodeChat). */
export function measureChatTokens(messages: readonly ChatMessage[], model?: string): TokenCount {
  const encoding = encodingForModel(model);
  // One budget for the whole chat: many large messages cost no more than one.
  const budget = newBudget();
  let tokens = TOKENS_PER_REPLY;
  let estimated = false;
  for (const message of messages) {
    const role = measure(message.role, encoding, newBudget());
    const content = measure(message.content, encoding, budget);
    tokens += TOKENS_PER_MESSAGE + role.tokens + content.tokens;
    estimated ||= content.estimated;
  }
  return { tokens, estimated };
}

export function countChatTokens(messages: readonly ChatMessage[], model?: string): number {
  return measureChatTokens(messages, model).tokens;
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
