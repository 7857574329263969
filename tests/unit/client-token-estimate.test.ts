import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { describe, expect, it } from 'vitest';
import { countTokensFor } from '@/lib/client/count-tokens';
import { chatTexts, estimateRun } from '@/lib/client/estimate';
import { countWithinBudget } from '@/lib/client/token-budget';
import { priceFor } from '@/lib/llm/pricing';
import { countChatTokens, countTokens } from '@/lib/llm/tokens';

const messages = [
  { role: 'system' as const, content: 'You are terse. <|endoftext|> is text here.' },
  { role: 'user' as const, content: 'Summarise the sea at night in two sentences, please.' },
  { role: 'assistant' as const, content: 'Dark water. Quiet stars.' },
  { role: 'user' as const, content: 'And the river?' },
];

describe('token counts in the browser', () => {
  it('counts a chat exactly as the server does (no Worker here: the main-thread path)', async () => {
    const counts = await countTokensFor(chatTexts(messages), 'gpt-4o-mini');
    expect(counts.estimated).toBe(false);
    expect(estimateRun({ counts, provider: 'openai', model: 'gpt-4o-mini' }).inputTokens).toBe(countChatTokens(messages, 'gpt-4o-mini'));
  });

  it('uses the model family’s encoding', async () => {
    const text = 'naïve café ünïcödé '.repeat(50);
    expect((await countTokensFor([text], 'gpt-4')).counts[0]).toBe(countTokens(text, 'gpt-4'));
    expect((await countTokensFor([text], 'gpt-4o')).counts[0]).toBe(countTokens(text, 'gpt-4o'));
    expect(countTokens(text, 'gpt-4')).not.toBe(countTokens(text, 'gpt-4o'));
  });

  it('extrapolates what the time budget leaves uncounted, at the rate counted so far', () => {
    let clock = 0;
    const text = 'abcd '.repeat(4_000); // 20,000 characters, pieces of about 2,048
    const result = countWithinBudget([text, 'never counted'], {
      countPiece: (piece) => piece.length / 5, // one token a word
      splitPattern: O200K_TOKEN_SPLIT_REGEX,
      budgetMs: 2.5,
      now: () => clock++, // each piece costs 1 ms
    });
    expect(result.estimated).toBe(true);
    expect(result.counts[0]).toBeCloseTo(4_000, -1);
    expect(result.counts[1]).toBe(Math.round('never counted'.length / 5));
  });
});

describe('estimateRun', () => {
  const counts = { counts: [1, 997, 1, 2_000], estimated: false }; // two turns

  it('prices the input and, with max tokens, the most the reply can cost', () => {
    const price = priceFor('openai', 'gpt-4o-mini')!;
    const estimate = estimateRun({ counts, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 1_000 });
    expect(estimate.inputTokens).toBe(3 + 2 * 3 + 2_999);
    expect(estimate.inputCostUsd).toBeCloseTo((3_008 * price.inputPerMTok) / 1e6, 10);
    expect(estimate.maxCostUsd).toBeCloseTo((3_008 * price.inputPerMTok + 1_000 * price.outputPerMTok) / 1e6, 10);
  });

  it('prices a long prompt at the model’s prompt-length tier', () => {
    // One 300,000-token message: 3 (reply) + 300,000 = 300,003 > 272,000, so gpt-5.4 bills 5 in / 22.50 out.
    // 300,003 × 5 = 1,500,015 µ$; with 1,000 output tokens + 1,000 × 22.50 = 1,522,515 µ$.
    const estimate = estimateRun({ counts: { counts: [300_000], estimated: false }, provider: 'openai', model: 'gpt-5.4', maxTokens: 1_000, at: new Date('2026-06-01T12:00:00Z') });
    expect(estimate.inputCostUsd).toBe(1.500015);
    expect(estimate.maxCostUsd).toBe(1.522515);
  });

  it('says unknown (null), never free, for a model without a price; the local model is free', () => {
    const unknown = estimateRun({ counts, provider: 'custom', model: 'my-finetune', maxTokens: 10 });
    expect(unknown.inputCostUsd).toBeNull();
    expect(unknown.maxCostUsd).toBeNull();
    expect(estimateRun({ counts, provider: 'local', model: 'promptlab-local' }).inputCostUsd).toBe(0);
    expect(estimateRun({ counts, provider: 'openai', model: 'gpt-4o-mini' }).maxCostUsd).toBeNull();
  });
});
