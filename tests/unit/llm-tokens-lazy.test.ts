import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// Node's CommonJS module cache: the tokenizer's BPE ranks are in it once loaded.
const { cache } = createRequire(import.meta.url);
const tablePath = (path: string) => /gpt-tokenizer\/cjs\/encoding\/\w+\.js$/.test(path);
const loaded = (encoding: string) => Object.keys(cache).some((path) => tablePath(path) && path.endsWith(`/${encoding}.js`));

describe('tokenizer loading', () => {
  it('loads a BPE table on the first count that needs it, not when the module is imported', async () => {
    // A worker may have loaded them for an earlier test file.
    for (const path of Object.keys(cache)) if (tablePath(path)) delete cache[path];
    const tokens = await import('@/lib/llm/tokens');
    expect(loaded('o200k_base')).toBe(false);
    expect(loaded('cl100k_base')).toBe(false);

    expect(tokens.countTokens('hello world')).toBe(2);
    expect(loaded('o200k_base')).toBe(true);
    expect(loaded('cl100k_base')).toBe(false);

    tokens.countTokens('hello world', 'gpt-4');
    expect(loaded('cl100k_base')).toBe(true);
  });
});
