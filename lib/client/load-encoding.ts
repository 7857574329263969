import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import type { TokenEncoding } from '@/lib/llm/token-encoding';
import { countWithinBudget, type TextCounts } from './token-budget';

// Prompts are user text: "<|endoftext|>" in them is plain text, not a special token (the default would throw).
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

type Encoder = { countTokens: (text: string, options: typeof PLAIN_TEXT) => number };
const loaded = new Map<TokenEncoding, Promise<Encoder>>();

// The ranks are megabytes of script: fetched on the first count, never with the page.
function loadEncoder(encoding: TokenEncoding): Promise<Encoder> {
  let found = loaded.get(encoding);
  if (!found) {
    found = (encoding === 'cl100k_base' ? import('gpt-tokenizer/encoding/cl100k_base') : import('gpt-tokenizer/encoding/o200k_base')).then(
      (encoder) => {
        // The encoder builds its tables on first use: here, not inside a count's time budget.
        encoder.countTokens('warm up', PLAIN_TEXT);
        return encoder;
      },
      (error: unknown) => {
        // A chunk that failed to load (offline, a deploy) is fetched again on the next count.
        loaded.delete(encoding);
        throw error;
      },
    );
    loaded.set(encoding, found);
  }
  return found;
}

/** Tokens of each text in `encoding`, exact within `budgetMs` of encoding work and extrapolated past it. */
export async function countTexts(texts: readonly string[], encoding: TokenEncoding, budgetMs: number): Promise<TextCounts> {
  const encoder = await loadEncoder(encoding);
  return countWithinBudget(texts, {
    countPiece: (text) => encoder.countTokens(text, PLAIN_TEXT),
    splitPattern: encoding === 'cl100k_base' ? CL100K_TOKEN_SPLIT_REGEX : O200K_TOKEN_SPLIT_REGEX,
    budgetMs,
  });
}
