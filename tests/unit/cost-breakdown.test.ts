import { describe, expect, it } from 'vitest';
import { breakdownTotalUsd, computeCostUsd, costBreakdown, priceFor, type ModelPrice } from '@/lib/llm/pricing';
import type { Usage } from '@/lib/llm/types';
import { usage } from '../fixtures/usage';

// The billing rules of the providers (issue 10, section 4) and the corrections (section 2), against the real table.
// Arithmetic in µ$ (tokens × $/MTok); 1 µ$ = 1e-6 USD.


const at = (day: string) => new Date(`${day}T12:00:00Z`);

function priced(provider: string, model: string, day: string) {
  const price = priceFor(provider, model, at(day));
  if (!price) throw new Error(`${provider} ${model} has no price on ${day}`);
  return price;
}

const cost = (u: Partial<Usage>, price: ModelPrice) => computeCostUsd(usage(u), price);

describe('cache reads are a per-model price', () => {
  it('bills Opus 5.5 cache reads at 0.05× input', () => {
    // claude-opus-5-5: input 4, read 0.20, output 20.
    // 2,000 × 4 + 8,000 × 0.20 + 1,000 × 20 = 8,000 + 1,600 + 20,000 = 29,600 µ$.
    const breakdown = costBreakdown(usage({ inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 1_000 }), priced('anthropic', 'claude-opus-5-5', '2026-10-01'));
    expect(breakdown).toEqual({
      lines: [
        { tokenClass: 'input', tokens: 2_000, perMTok: 4, usd: 0.008 },
        { tokenClass: 'cachedInput', tokens: 8_000, perMTok: 0.2, usd: 0.0016 },
        { tokenClass: 'output', tokens: 1_000, perMTok: 20, usd: 0.02 },
      ],
      tier: null,
      estimated: false,
      reasoningUncounted: false,
    });
    expect(breakdownTotalUsd(breakdown!)).toBe(0.0296);
  });

  it('bills Fable cache reads at 0.025× input', () => {
    // claude-fable-5-1: input 10, read 0.25, output 50.
    // 10,000 × 10 + 90,000 × 0.25 + 2,000 × 50 = 100,000 + 22,500 + 100,000 = 222,500 µ$.
    expect(cost({ inputTokens: 100_000, cachedInputTokens: 90_000, outputTokens: 2_000 }, priced('anthropic', 'claude-fable-5-1', '2026-10-01'))).toBe(0.2225);
  });
});

describe('Anthropic cache-write lifetimes', () => {
  const opus55 = () => priced('anthropic', 'claude-opus-5-5', '2026-10-01');

  it('bills 5-minute writes at 1.25× and 1-hour writes at 2× input', () => {
    // Of 6,000 written tokens 2,000 are 1-hour: 4,000 × 4 + 4,000 × 5 + 2,000 × 8 = 16,000 + 20,000 + 16,000 = 52,000 µ$.
    const breakdown = costBreakdown(usage({ inputTokens: 10_000, cacheWriteTokens: 6_000, cacheWrite1hTokens: 2_000 }), opus55());
    expect(breakdown?.lines).toEqual([
      { tokenClass: 'input', tokens: 4_000, perMTok: 4, usd: 0.016 },
      { tokenClass: 'cacheWrite', tokens: 4_000, perMTok: 5, usd: 0.02 },
      { tokenClass: 'cacheWrite1h', tokens: 2_000, perMTok: 8, usd: 0.016 },
    ]);
    expect(breakdownTotalUsd(breakdown!)).toBe(0.052);
  });

  it('falls back to the 5-minute price when only the total written is reported', () => {
    // 4,000 × 4 + 6,000 × 5 = 16,000 + 30,000 = 46,000 µ$.
    const breakdown = costBreakdown(usage({ inputTokens: 10_000, cacheWriteTokens: 6_000 }), opus55());
    expect(breakdown?.lines.map((line) => line.tokenClass)).toEqual(['input', 'cacheWrite']);
    expect(breakdownTotalUsd(breakdown!)).toBe(0.046);
  });

  it('bills 1-hour writes at the 5-minute price where the entry has no 1-hour price', () => {
    // claude-3-5-haiku at launch (before the 1-hour lifetime existed): write 1.25. 1,000 × 1.25 = 1,250 µ$.
    const breakdown = costBreakdown(usage({ inputTokens: 1_000, cacheWriteTokens: 1_000, cacheWrite1hTokens: 1_000 }), priced('anthropic', 'claude-3-5-haiku-20241022', '2024-11-10'));
    expect(breakdown?.lines).toEqual([{ tokenClass: 'cacheWrite1h', tokens: 1_000, perMTok: 1.25, usd: 0.00125 }]);
  });
});

describe('OpenAI cache writes', () => {
  const written = { inputTokens: 10_000, cachedInputTokens: 4_000, cacheWriteTokens: 3_000, outputTokens: 500 };

  it('are billed as plain input before the GPT-5.6 family', () => {
    // gpt-5.4: input 2.5, cached 0.25, output 15, no write price.
    // 3,000 × 2.5 + 4,000 × 0.25 + 3,000 × 2.5 + 500 × 15 = 7,500 + 1,000 + 7,500 + 7,500 = 23,500 µ$.
    const price = priced('openai', 'gpt-5.4', '2026-06-01');
    expect(price.cacheWritePerMTok).toBeUndefined();
    expect(cost(written, price)).toBe(0.0235);
    // The same as if nothing had been written: 6,000 × 2.5 + 1,000 + 7,500 = 23,500 µ$.
    expect(cost({ ...written, cacheWriteTokens: 0 }, price)).toBe(0.0235);
  });

  it('cost 1.25× input from GPT-5.6 on', () => {
    // gpt-5.6-terra after the 2026-07-30 cut: input 2, cached 0.20, write 2.50, output 12.
    // 3,000 × 2 + 4,000 × 0.20 + 3,000 × 2.50 + 500 × 12 = 6,000 + 800 + 7,500 + 6,000 = 20,300 µ$.
    const price = priced('openai', 'gpt-5.6-terra', '2026-08-01');
    expect(price.cacheWritePerMTok).toBe(price.inputPerMTok * 1.25);
    expect(cost(written, price)).toBe(0.0203);
  });
});

describe('prompt-length tiers bill the whole request at the higher rates', () => {
  it('Claude Sonnet 4.5: above 200,000 input tokens, and exactly 200,000 at the base rate', () => {
    const sonnet45 = priced('anthropic', 'claude-sonnet-4-5-20250929', '2025-10-01');
    // 200,000 × 3 + 1,000 × 15 = 600,000 + 15,000 = 615,000 µ$.
    const atThreshold = costBreakdown(usage({ inputTokens: 200_000, outputTokens: 1_000 }), sonnet45)!;
    expect(atThreshold.tier).toBeNull();
    expect(breakdownTotalUsd(atThreshold)).toBe(0.615);
    // 200,001 × 6 + 1,000 × 22.50 = 1,200,006 + 22,500 = 1,222,506 µ$.
    const above = costBreakdown(usage({ inputTokens: 200_001, outputTokens: 1_000 }), sonnet45)!;
    expect(above.tier).toEqual({ aboveInputTokens: 200_000 });
    expect(breakdownTotalUsd(above)).toBe(1.222506);
  });

  it('counts cached and written tokens toward the threshold and scales the cache rates', () => {
    // 250,000 prompt tokens, only 40,000 uncached: still the tier (6 / read 0.60 / 5m 7.50 / 1h 12 / out 22.50).
    // 40,000 × 6 + 150,000 × 0.60 + 50,000 × 7.50 + 10,000 × 12 + 2,000 × 22.50
    //   = 240,000 + 90,000 + 375,000 + 120,000 + 45,000 = 870,000 µ$.
    const long = usage({ inputTokens: 250_000, cachedInputTokens: 150_000, cacheWriteTokens: 60_000, cacheWrite1hTokens: 10_000, outputTokens: 2_000 });
    const breakdown = costBreakdown(long, priced('anthropic', 'claude-sonnet-4-5', '2025-10-01'))!;
    expect(breakdown.lines.map(({ tokenClass, perMTok }) => [tokenClass, perMTok])).toEqual([
      ['input', 6],
      ['cachedInput', 0.6],
      ['cacheWrite', 7.5],
      ['cacheWrite1h', 12],
      ['output', 22.5],
    ]);
    expect(breakdownTotalUsd(breakdown)).toBe(0.87);
  });

  it('Claude Sonnet 4 likewise', () => {
    // 300,000 × 6 = 1,800,000 µ$ (base would be 900,000).
    expect(cost({ inputTokens: 300_000 }, priced('anthropic', 'claude-sonnet-4-20250514', '2025-06-01'))).toBe(1.8);
  });

  it('Opus 4.6 and Sonnet 4.6 until 2026-03-13, flat after', () => {
    const long = { inputTokens: 300_000, outputTokens: 1_000 };
    // Before: 300,000 × 10 + 1,000 × 37.50 = 3,000,000 + 37,500 = 3,037,500 µ$.
    expect(cost(long, priced('anthropic', 'claude-opus-4-6', '2026-03-12'))).toBe(3.0375);
    // From 2026-03-13: 300,000 × 5 + 1,000 × 25 = 1,500,000 + 25,000 = 1,525,000 µ$.
    expect(cost(long, priced('anthropic', 'claude-opus-4-6', '2026-03-13'))).toBe(1.525);
    // Sonnet 4.6: 300,000 × 6 + 1,000 × 22.50 = 1,822,500 µ$, then 300,000 × 3 + 1,000 × 15 = 915,000 µ$.
    expect(cost(long, priced('anthropic', 'claude-sonnet-4-6', '2026-03-12'))).toBe(1.8225);
    expect(cost(long, priced('anthropic', 'claude-sonnet-4-6', '2026-03-13'))).toBe(0.915);
  });

  it('gpt-5.4 above 272,000: 2× input and cache, 1.5× output', () => {
    const gpt54 = priced('openai', 'gpt-5.4', '2026-06-01');
    // Exactly 272,000: 272,000 × 2.5 + 10,000 × 15 = 680,000 + 150,000 = 830,000 µ$.
    expect(cost({ inputTokens: 272_000, outputTokens: 10_000 }, gpt54)).toBe(0.83);
    // 300,000 with 100,000 cached: 200,000 × 5 + 100,000 × 0.50 + 10,000 × 22.50 = 1,000,000 + 50,000 + 225,000 = 1,275,000 µ$.
    expect(cost({ inputTokens: 300_000, cachedInputTokens: 100_000, outputTokens: 10_000 }, gpt54)).toBe(1.275);
  });

  it('Claude Haiku 5.5 above 100,000: 5×', () => {
    const haiku55 = priced('anthropic', 'claude-haiku-5-5', '2026-11-01');
    // 100,000 × 0.10 + 1,000 × 0.50 = 10,000 + 500 = 10,500 µ$.
    expect(cost({ inputTokens: 100_000, outputTokens: 1_000 }, haiku55)).toBe(0.0105);
    // 100,001 × 0.50 + 1,000 × 2.50 = 50,000.5 + 2,500 = 52,500.5 µ$ (5 × the base 10,500.1).
    expect(cost({ inputTokens: 100_001, outputTokens: 1_000 }, haiku55)).toBe(0.0525005);
  });
});

describe('reasoning and estimated usage', () => {
  it('bills reasoning tokens once, inside output', () => {
    // gpt-5.4: 1,000 × 2.50 + 5,000 × 15 = 2,500 + 75,000 = 77,500 µ$ (4,000 of the 5,000 are reasoning).
    const breakdown = costBreakdown(usage({ inputTokens: 1_000, outputTokens: 5_000, reasoningTokens: 4_000 }), priced('openai', 'gpt-5.4', '2026-06-01'))!;
    expect(breakdown.lines.map((line) => [line.tokenClass, line.tokens])).toEqual([['input', 1_000], ['output', 5_000]]);
    expect(breakdownTotalUsd(breakdown)).toBe(0.0775);
  });

  it('marks an estimate, and a reasoning model’s uncounted hidden tokens', () => {
    const estimated = usage({ inputTokens: 1_000, outputTokens: 200, estimated: true });
    const gpt54 = priced('openai', 'gpt-5.4', '2026-06-01');
    expect(gpt54.reasoning).toBe(true);
    expect(costBreakdown(estimated, gpt54, { reasoning: gpt54.reasoning })).toMatchObject({ estimated: true, reasoningUncounted: true });
    const mini = priced('openai', 'gpt-4o-mini', '2026-06-01');
    expect(mini.reasoning).toBeUndefined();
    expect(costBreakdown(estimated, mini, { reasoning: mini.reasoning })).toMatchObject({ estimated: true, reasoningUncounted: false });
    // Reported usage counts the reasoning tokens: nothing is missing.
    expect(costBreakdown({ ...estimated, estimated: false }, gpt54, { reasoning: true })).toMatchObject({ estimated: false, reasoningUncounted: false });
  });
});

describe('the corrections', () => {
  it('Claude 3.5 Haiku: $1 / $5 at launch, $0.80 / $4 from the reduction', () => {
    const million = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    // 1 + 5 = $6, then 0.80 + 4 = $4.80.
    expect(cost(million, priced('anthropic', 'claude-3-5-haiku-20241022', '2024-11-10'))).toBe(6);
    expect(cost(million, priced('anthropic', 'claude-3-5-haiku-20241022', '2024-12-10'))).toBe(4.8);
    // Launch cache rates: 250,000 × 1 + 500,000 × 0.10 + 250,000 × 1.25 = 250,000 + 50,000 + 312,500 = 612,500 µ$.
    const cached = { inputTokens: 1_000_000, cachedInputTokens: 500_000, cacheWriteTokens: 250_000 };
    expect(cost(cached, priced('anthropic', 'claude-3-5-haiku-latest', '2024-11-10'))).toBe(0.6125);
  });

  it('Groq llama3-8b-8192: output $0.10 before the cut, $0.08 after', () => {
    const million = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    // 0.05 + 0.10 = $0.15, then 0.05 + 0.08 = $0.13.
    expect(cost(million, priced('groq', 'llama3-8b-8192', '2024-05-01'))).toBe(0.15);
    expect(cost(million, priced('groq', 'llama3-8b-8192', '2024-07-01'))).toBe(0.13);
  });
});

describe('breakdownTotalUsd', () => {
  it('sums the lines before rounding, so per-line rounding cannot drift the total', () => {
    // 1 token each at 0.006 $/MTok: each line is 0.006 µ$ → 1e-8 rounded; the total 0.012 µ$ → 1e-8, not 2e-8.
    const price: ModelPrice = { provider: 'acme', model: 'tiny', effectiveFrom: '2026-01-01', inputPerMTok: 0.006, outputPerMTok: 0.006 };
    const breakdown = costBreakdown(usage({ inputTokens: 1, outputTokens: 1 }), price)!;
    expect(breakdown.lines.map((line) => line.usd)).toEqual([1e-8, 1e-8]);
    expect(breakdownTotalUsd(breakdown)).toBe(1e-8);
  });

  it('is null for an unknown price', () => {
    expect(costBreakdown(usage({ inputTokens: 1 }), null)).toBeNull();
  });
});
