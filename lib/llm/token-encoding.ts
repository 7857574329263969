// Browser-safe: the template editor counts tokens with the same encoding and chat framing as the server.

export type TokenEncoding = 'o200k_base' | 'cl100k_base';

// Per-message framing of the chat format (<|im_start|>role<|im_sep|>…<|im_end|>) and the reply priming.
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_REPLY = 3;

/** The BPE encoding of a model family: cl100k for GPT-4 (not 4o/4.1/4.5) and GPT-3.5, o200k for everything else. */
export function encodingForModel(model?: string): TokenEncoding {
  // OpenRouter-style ids ("openai/gpt-4-turbo") name the family after the slash.
  const id = (model ?? '').toLowerCase().split('/').pop() ?? '';
  if (/^gpt-3\.5/.test(id) || /^text-embedding-(ada-002|3-)/.test(id)) return 'cl100k_base';
  if (/^gpt-4(?![o.])/.test(id)) return 'cl100k_base';
  return 'o200k_base';
}
