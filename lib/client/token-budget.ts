import { splitForEncoding } from '@/lib/llm/token-chunks';

export type TextCounts = {
  /** Tokens of each text, in order. */
  counts: number[];
  /** Some of the text was extrapolated from the rate of the part counted, because the time budget ran out. */
  estimated: boolean;
};

type Options = {
  /** Tokens of one piece (gpt-tokenizer's countTokens with special tokens as plain text). */
  countPiece: (text: string) => number;
  /** The encoding's pre-tokenizer, so pieces end where its pre-tokens do (see lib/llm/token-chunks.ts). */
  splitPattern: RegExp;
  /** Counting stops after this long; the rest is extrapolated. */
  budgetMs: number;
  now?: () => number;
};

// Until something has been counted, the usual rate of English text.
const CHARS_PER_TOKEN = 4;
const MIN_SAMPLE_CHARS = 4_096;

/**
 * Counts the tokens of each text piece by piece, in bounded pieces (a long run without spaces is quadratic to
 * merge), until the time budget is spent; what is left is extrapolated at the rate counted so far.
 */
export function countWithinBudget(texts: readonly string[], { countPiece, splitPattern, budgetMs, now = () => performance.now() }: Options): TextCounts {
  const deadline = now() + budgetMs;
  let countedChars = 0;
  let countedTokens = 0;
  let spent = false;
  const rest: number[] = []; // characters left uncounted, per text
  const counts = texts.map((text, index) => {
    let tokens = 0;
    let chars = 0;
    if (!spent) {
      for (const piece of splitForEncoding(text, splitPattern)) {
        tokens += countPiece(piece.text);
        chars += piece.text.length;
        if (now() > deadline) {
          spent = true;
          break;
        }
      }
    }
    countedChars += chars;
    countedTokens += tokens;
    rest[index] = text.length - chars;
    return tokens;
  });
  const rate = countedChars >= MIN_SAMPLE_CHARS ? countedTokens / countedChars : 1 / CHARS_PER_TOKEN;
  const estimated = rest.some((chars) => chars > 0);
  return { counts: counts.map((tokens, index) => tokens + Math.round((rest[index] ?? 0) * rate)), estimated };
}
