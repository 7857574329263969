import { createRequire } from 'node:module';
import * as o200k from 'gpt-tokenizer/encoding/o200k_base';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_PIECE_CHARS, MAX_PRETOKEN_CHARS, splitForEncoding } from '@/lib/llm/token-chunks';
import { countTokens, EXACT_COUNT_CHARS, EXACT_COUNT_WORK, measureChatTokens, measureTokens } from '@/lib/llm/tokens';

// The CommonJS build the product loads on first use; spying on it shows every piece handed to the encoder.
const encoder = createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as typeof o200k;
const PLAIN = { disallowedSpecial: new Set<string>() };

function piecesCounted(run: () => unknown): string[] {
  const spy = vi.spyOn(encoder, 'countTokens');
  run();
  return spy.mock.calls.map(([piece]) => piece as string);
}

const longestPretoken = (piece: string) => Math.max(0, ...[...piece.matchAll(O200K_TOKEN_SPLIT_REGEX)].map((m) => m[0].length));

afterEach(() => vi.restoreAllMocks());

describe('bounded token counting', () => {
  it('encodes 200,000 characters without a space in bounded pieces, within the work budget', () => {
    let counted!: ReturnType<typeof measureTokens>;
    const pieces = piecesCounted(() => (counted = measureTokens('x'.repeat(200_000))));
    expect(pieces.length).toBeGreaterThan(0);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(MAX_PIECE_CHARS);
      expect(longestPretoken(piece)).toBeLessThanOrEqual(MAX_PRETOKEN_CHARS);
    }
    // Merging is quadratic in a pre-token's length: the work, summed as length², stays within the budget.
    const work = pieces.reduce((sum, piece) => sum + piece.length ** 2, 0);
    expect(work).toBeLessThanOrEqual(EXACT_COUNT_WORK);
    expect(pieces.join('')).toBe('x'.repeat(pieces.join('').length));
    expect(counted.estimated).toBe(true);
  });

  it('encodes at most EXACT_COUNT_CHARS of a 1 MB prompt and extrapolates the rest, marked estimated', () => {
    const words = 'The quick brown fox jumps over the lazy dog. ';
    const prompt = words.repeat(Math.ceil(1_048_576 / words.length)).slice(0, 1_048_576);
    let counted!: ReturnType<typeof measureChatTokens>;
    const pieces = piecesCounted(() => {
      counted = measureChatTokens([
        { role: 'system', content: prompt.slice(0, 500_000) },
        { role: 'user', content: prompt.slice(500_000) },
      ]);
    });
    const encodedChars = pieces.reduce((sum, piece) => sum + piece.length, 0);
    expect(encodedChars).toBeLessThanOrEqual(EXACT_COUNT_CHARS + 'assistant'.length * 2);
    expect(counted.estimated).toBe(true);
    // Extrapolated from the counted part, so close to the real count of this uniform text.
    const exact = o200k.encode(prompt, PLAIN).length;
    expect(Math.abs(counted.tokens - exact) / exact).toBeLessThan(0.01);
  });

  it('does not overflow the stack on a long run of one script (200,000 CJK characters)', () => {
    expect(countTokens('漢字仮名交じり文'.repeat(25_000))).toBeGreaterThan(25_000);
  });

  it('counts text with long words, code and CJK exactly, cut where the tokenizer itself splits', () => {
    const text = [
      'export function renderPrompt(input: RenderInput, values: Record<string, unknown>): RenderResult {',
      '我们的产品是一个提示词管理平台，支持版本控制和运行。每个版本都是不可变的，运行通过签名回调执行。',
      'Donaudampfschifffahrtsgesellschaftskapitän said: "it\'s fine", 12345678, ünïcödé 🎉\t\n\n',
    ]
      .join('\n')
      .repeat(200);
    expect(text.length).toBeGreaterThan(MAX_PIECE_CHARS * 4);
    expect(countTokens(text)).toBe(o200k.encode(text, PLAIN).length);
    expect(measureTokens(text).estimated).toBe(false);
  });

  it('never splits a surrogate pair when it has to cut inside a long run', () => {
    const emoji = '🎉'.repeat(1_000);
    const pieces = [...splitForEncoding(emoji, O200K_TOKEN_SPLIT_REGEX)].map((piece) => piece.text);
    for (const piece of pieces) expect(piece.length % 2).toBe(0);
    expect(pieces.join('')).toBe(emoji);
  });
});
