import 'server-only';
import { createRequire } from 'node:module';
import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { splitForEncoding, type PretokenWork } from './token-chunks';
import { encodingForModel, TOKENS_PER_MESSAGE, TOKENS_PER_REPLY, type TokenEncoding } from './token-encoding';
import type { ChatMessage, Usage } from './types';
import { countedUsage } from './usage';

export { encodingForModel };
type Tokenizer = typeof import('gpt-tokenizer/encoding/o200k_base');

// Prompts are user text: "<|endoftext|>" in them is plain text, not a special token (the default would throw).
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * What one count encodes exactly: 50,000 characters, and encoder work of about 10 ms (EXACT_COUNT_WORK, in
 * estimated nanoseconds, see pretokenWork). Past either the rest is extrapolated from the part counted and the
 * count is marked estimated, so the largest allowed prompt (1 MB) counts in well under 100 ms whatever it contains.
 */
export const EXACT_COUNT_CHARS = 50_000;
export const EXACT_COUNT_WORK = 10_000_000;
// With less than this left of the budget, a text is estimated from what was counted before (or ~4 chars a token).
const MIN_SAMPLE_CHARS = 4_096;
const CHARS_PER_TOKEN = 4;

// What the encoder spends on one pre-token, in nanoseconds, fitted on 22 kinds of text (prose in five scripts,
// code, JSON, CSV, base64, random words) on the project's 2-core machines. A pre-token that is one token, or that
// was merged earlier in the same count (the memo has it), is a lookup; any other is a BPE merge, a fixed cost plus
// one per byte. Random text is nearly all merges: 50,000 characters of random Arabic words took 64 ms, of English
// prose 0.5 ms, with about as many pre-tokens.
// Rounded up from the fit (60, 1,450 and 480 ns): the reckoning errs high.
const LOOKUP_NS = 200;
const MERGE_NS = 1_500;
const MERGE_NS_PER_BYTE = 500;
// The encoder's memo of merged pre-tokens holds all the merges of one count and is emptied before each count, so it
// never evicts: evicting (its LRU walks a Map that deletions have left sparse) made a full memo slower than none.
const MERGE_CACHE_ENTRIES = 2 * Math.ceil(EXACT_COUNT_WORK / MERGE_NS);

// The BPE ranks take a quarter of a second and tens of MB to load: only on first use, not at start-up.
const load = createRequire(import.meta.url);
type Ranks = { default: (string | number[])[] };
/** An encoding's API, and the pre-tokens it finds whole, without merging (the ranks that are strings). */
type Loaded = { api: Tokenizer; vocabulary: ReadonlySet<string> };
const loaded = new Map<TokenEncoding, Loaded>();

function loadEncoding(encoding: TokenEncoding): Loaded {
  let found = loaded.get(encoding);
  if (!found) {
    // Literal paths, so the bundler (and file tracing) sees them.
    const [api, ranks] = (
      encoding === 'cl100k_base'
        ? [load('gpt-tokenizer/encoding/cl100k_base'), load('gpt-tokenizer/bpeRanks/cl100k_base')]
        : [load('gpt-tokenizer/encoding/o200k_base'), load('gpt-tokenizer/bpeRanks/o200k_base')]
    ) as [Tokenizer, Ranks];
    api.setMergeCacheSize(MERGE_CACHE_ENTRIES);
    found = { api, vocabulary: new Set(ranks.default.filter((rank): rank is string => typeof rank === 'string')) };
    loaded.set(encoding, found);
  }
  return found;
}

/** The encoding, its memo emptied: every count starts without one (see MERGE_CACHE_ENTRIES). */
function beginCount(encoding: TokenEncoding): Loaded {
  const found = loadEncoding(encoding);
  found.api.clearMergeCache();
  return found;
}

const tokenizer = (encoding: TokenEncoding) => loadEncoding(encoding).api;

const splitPattern = (encoding: TokenEncoding) => (encoding === 'cl100k_base' ? CL100K_TOKEN_SPLIT_REGEX : O200K_TOKEN_SPLIT_REGEX);

/** The tokens of `text`, encoded in bounded pieces (see token-chunks.ts). */
export function encodeText(text: string, model?: string): number[] {
  const encoding = encodingForModel(model);
  const { encode } = beginCount(encoding).api;
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
/**
 * What is left to count exactly (characters, encoder work), what was counted (the rate used past it), and the
 * pre-tokens merged so far (the memo has them). Once a piece does not fit, nothing more is counted.
 */
type Budget = { chars: number; work: number; countedChars: number; countedTokens: number; merged: Set<string>; spent: boolean };
const newBudget = (): Budget => ({
  chars: EXACT_COUNT_CHARS,
  work: EXACT_COUNT_WORK,
  countedChars: 0,
  countedTokens: 0,
  merged: new Set(),
  spent: false,
});

/** UTF-8 bytes of `text.slice(start, end)` (a surrogate pair is 4). */
function utf8Bytes(text: string, start: number, end: number): number {
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/** The encoder's work on each pre-token, in estimated nanoseconds (see LOOKUP_NS). */
function pretokenWork(vocabulary: ReadonlySet<string>, budget: Budget): PretokenWork {
  return (text, start, end) => {
    const pretoken = text.slice(start, end);
    if (vocabulary.has(pretoken) || budget.merged.has(pretoken)) return LOOKUP_NS;
    budget.merged.add(pretoken);
    return MERGE_NS + MERGE_NS_PER_BYTE * utf8Bytes(text, start, end);
  };
}

/** Counts `text` piece by piece while the budget lasts; the rest of it is extrapolated and marked estimated. */
function measure(text: string, encoding: TokenEncoding, budget: Budget): TokenCount {
  const { api, vocabulary } = loadEncoding(encoding);
  let tokens = 0;
  let chars = 0;
  for (const piece of budget.spent ? [] : splitForEncoding(text, splitPattern(encoding), pretokenWork(vocabulary, budget))) {
    if (piece.text.length > budget.chars || piece.work > budget.work) {
      // Its pre-tokens are in `merged` but were never encoded: nothing more is counted with this budget.
      budget.spent = true;
      break;
    }
    tokens += api.countTokens(piece.text, PLAIN_TEXT);
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
  const encoding = encodingForModel(model);
  beginCount(encoding);
  return measure(text, encoding, newBudget());
}

export function countTokens(text: string, model?: string): number {
  return measureTokens(text, model).tokens;
}

/** Tokens of a chat prompt, framing included (the OpenAI cookbook count; equals gpt-tokenizer's encodeChat). */
export function measureChatTokens(messages: readonly ChatMessage[], model?: string): TokenCount {
  const encoding = encodingForModel(model);
  beginCount(encoding);
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
  return countedUsage(inputTokens, outputTokens);
}
