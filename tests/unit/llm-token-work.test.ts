import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as o200k from 'gpt-tokenizer/encoding/o200k_base';
import * as cl100k from 'gpt-tokenizer/encoding/cl100k_base';
import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCAN_WINDOW_CHARS, splitForEncoding } from '@/lib/llm/token-chunks';
import { EXACT_COUNT_CHARS, measureChatTokens, measureTokens } from '@/lib/llm/tokens';

// The CommonJS build the product loads on first use; spying on it shows what is handed to the encoder.
const encoder = createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as typeof o200k;
const PLAIN = { disallowedSpecial: new Set<string>() };
const MB = 1_048_576;

/** Characters encoded exactly while `run` counts. */
function charsEncoded(run: () => unknown): number {
  const spy = vi.spyOn(encoder, 'countTokens');
  run();
  return spy.mock.calls.reduce((sum, [piece]) => sum + (piece as string).length, 0);
}

/** A seeded generator, so every run counts the same text. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 48_271) % 2_147_483_647;
    return state % n;
  };
}
const pick = (alphabet: string, next: (n: number) => number) => alphabet[next(alphabet.length)]!;
const base64 = (chars: number, next = random(1)) => Buffer.from(Array.from({ length: Math.ceil((chars * 3) / 4) }, () => next(256))).toString('base64').slice(0, chars);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ARABIC = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
function randomWords(alphabet: string, chars: number, next = random(2)): string {
  let text = '';
  while (text.length < chars) {
    let word = ' ';
    for (let i = 2 + next(7); i > 0; i--) word += pick(alphabet, next);
    text += word;
  }
  return text.slice(0, chars);
}
const randomChars = (alphabet: string, chars: number, next = random(3)) => Array.from({ length: chars }, () => pick(alphabet, next)).join('');

afterEach(() => vi.restoreAllMocks());

describe('the work measure of exact counting', () => {
  // Each of these took 170–640 ms when every pre-token was charged by its length only.
  it.each([
    ['1 MB of base64', () => base64(MB)],
    ['1 MB of random letters and digits', () => randomChars(ALNUM, MB)],
    ['1 MB of random Arabic words', () => randomWords(ARABIC, MB)],
  ])('encodes %s exactly only as far as the work bound, well short of the character limit', (_, make) => {
    const text = make();
    let counted!: ReturnType<typeof measureChatTokens>;
    const encoded = charsEncoded(() => (counted = measureChatTokens([{ role: 'user', content: text }])));
    expect(encoded).toBeGreaterThan(4_096);
    expect(encoded).toBeLessThan(EXACT_COUNT_CHARS / 2);
    expect(counted.estimated).toBe(true);
  });

  it('extrapolates base64 from the part counted, close to its real count', () => {
    const text = base64(200_000, random(4));
    const counted = measureTokens(text);
    expect(counted.estimated).toBe(true);
    const exact = o200k.encode(text, PLAIN).length;
    expect(Math.abs(counted.tokens - exact) / exact).toBeLessThan(0.02);
  });

  it('counts source code exactly up to the character limit', () => {
    const code = ['tokens.ts', 'token-chunks.ts', 'openai-provider.ts', 'errors.ts', 'safe-errors.ts', 'local-provider.ts']
      .map((file) => readFileSync(`lib/llm/${file}`, 'utf8'))
      .join('\n')
      .repeat(3)
      .slice(0, EXACT_COUNT_CHARS);
    expect(measureTokens(code)).toEqual({ tokens: o200k.encode(code, PLAIN).length, estimated: false });
  });

  it('charges a merge once per count: a long word repeated counts exactly (the memo has it)', () => {
    const text = 'Donaudampfschifffahrtsgesellschaftskapitän '.repeat(1_100);
    expect(text.length).toBeLessThan(EXACT_COUNT_CHARS);
    expect(measureTokens(text)).toEqual({ tokens: o200k.encode(text, PLAIN).length, estimated: false });
    // And again: the memo is emptied between counts, which charge the same.
    expect(measureTokens(text).estimated).toBe(false);
  });
});

describe('scanning in windows', () => {
  const PARTS = ["don't", "we're", " I'll", ' ', '  ', '\n', '\n\n', ' \n ', '\t', '123', '4567', ' Hello', 'WORLD', 'camelCase', '漢字', '。', '🎉', 'ünï', '...', '!!', "'s", "'RE", ' a', '   \n', '\r\n', '-->'];
  it.each([
    ['o200k', o200k, O200K_TOKEN_SPLIT_REGEX],
    ['cl100k', cl100k, CL100K_TOKEN_SPLIT_REGEX],
  ] as const)('cuts %s pre-tokens as the whole text would be cut, across window edges', (_, encoding, pattern) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = random(seed);
      let text = '';
      while (text.length < 80_000) text += PARTS[next(PARTS.length)];
      expect(text.length).toBeGreaterThan(4 * SCAN_WINDOW_CHARS);
      const pieces = [...splitForEncoding(text, pattern)].map((piece) => piece.text);
      expect(pieces.join('')).toBe(text);
      expect(pieces.reduce((sum, piece) => sum + encoding.encode(piece, PLAIN).length, 0)).toBe(encoding.encode(text, PLAIN).length);
    }
  });

  it('reads no more than a window to find the first piece of a 1 MB run (CJK is one run)', () => {
    const text = randomChars('的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生', MB);
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    const first = splitForEncoding(text, O200K_TOKEN_SPLIT_REGEX).next();
    expect(first.value?.text.length).toBeGreaterThan(0);
    const scanned = exec.mock.calls.map(([input]) => input.length);
    expect(scanned.length).toBeGreaterThan(0);
    expect(Math.max(...scanned)).toBeLessThanOrEqual(SCAN_WINDOW_CHARS);
  });
});
