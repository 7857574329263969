import { describe, expect, it } from 'vitest';
import { usageFromAnthropic } from '@/lib/llm/anthropic-provider';
import { usageFromOpenAI } from '@/lib/llm/openai-provider';
import { computeCostUsd, pickPrice, PRICE_TABLE, PRICE_TABLE_VERSION, priceFor, type ModelPrice } from '@/lib/llm/pricing';
import { usage } from '../fixtures/usage';


const at = (day: string) => new Date(`${day}T12:00:00Z`);

describe('priceFor', () => {
  it('picks the entry in effect at the date', () => {
    expect(priceFor('openai', 'gpt-4o', at('2024-09-01'))).toMatchObject({ inputPerMTok: 5, outputPerMTok: 15 });
    expect(priceFor('openai', 'gpt-4o', at('2024-10-02'))).toMatchObject({ inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25 });
    expect(priceFor('openai', 'o3', at('2025-06-09'))).toMatchObject({ inputPerMTok: 10, outputPerMTok: 40 });
    expect(priceFor('openai', 'o3', at('2025-06-10'))).toMatchObject({ inputPerMTok: 2, outputPerMTok: 8 });
  });

  it('has no price before a model’s first entry', () => {
    expect(priceFor('openai', 'gpt-4.1', at('2025-04-13'))).toBeNull();
    expect(priceFor('openai', 'gpt-4.1', at('2025-04-14'))).not.toBeNull();
  });

  it('matches dated snapshots of an exact id, but not other models sharing its prefix', () => {
    expect(priceFor('openai', 'gpt-4o-mini-2024-07-18', at('2025-01-01'))).toMatchObject({ model: 'gpt-4o-mini' });
    expect(priceFor('anthropic', 'claude-sonnet-4-20250514', at('2025-06-01'))).toMatchObject({ model: 'claude-sonnet-4' });
    expect(priceFor('anthropic', 'claude-sonnet-4-5-20250929', at('2025-10-01'))).toMatchObject({ model: 'claude-sonnet-4-5' });
    expect(priceFor('openai', 'o3-mini', at('2025-07-01'))).toMatchObject({ model: 'o3-mini', inputPerMTok: 1.1 });
    expect(priceFor('openai', 'gpt-4o-audio-preview', at('2025-01-01'))).toBeNull();
    expect(priceFor('anthropic', 'claude-opus-4-9', at('2026-11-01'))).toBeNull();
  });

  it('prefers an exact snapshot entry over the alias it was released under', () => {
    expect(priceFor('openai', 'gpt-4o-2024-05-13', at('2025-01-01'))).toMatchObject({ inputPerMTok: 5 });
    expect(priceFor('openai', 'gpt-4o-2024-08-06', at('2024-09-01'))).toMatchObject({ inputPerMTok: 2.5 });
  });

  it('matches prefix patterns', () => {
    expect(priceFor('anthropic', 'claude-3-5-sonnet-20241022', at('2025-01-01'))).toMatchObject({ model: 'claude-3-5-sonnet*' });
    expect(priceFor('anthropic', 'claude-3-7-sonnet-latest', at('2025-03-01'))).toMatchObject({ outputPerMTok: 15 });
  });

  it('is null for unknown providers and models', () => {
    expect(priceFor('openai', 'gpt-9-ultra', at('2026-01-01'))).toBeNull();
    expect(priceFor('ollama', 'llama3.2', at('2026-01-01'))).toBeNull();
    expect(priceFor('openrouter', 'openai/gpt-4o', at('2026-01-01'))).toBeNull();
    // The provider must match: Groq's llama is not priced for another host.
    expect(priceFor('together', 'llama-3.3-70b-versatile', at('2026-01-01'))).toBeNull();
  });

  it('prices the built-in local model at zero', () => {
    expect(priceFor('local', 'promptlab-local')).toMatchObject({ inputPerMTok: 0, outputPerMTok: 0 });
  });

  it('has a version and well-formed entries', () => {
    expect(PRICE_TABLE_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}/);
    for (const entry of PRICE_TABLE) {
      expect(entry.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.inputPerMTok).toBeGreaterThanOrEqual(0);
      expect(entry.outputPerMTok).toBeGreaterThanOrEqual(0);
    }
    const keys = PRICE_TABLE.map((e) => `${e.provider}|${e.model}|${e.effectiveFrom}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('pickPrice', () => {
  const price = (model: string, effectiveFrom: string, inputPerMTok: number): ModelPrice => ({
    provider: 'acme',
    model,
    effectiveFrom,
    inputPerMTok,
    outputPerMTok: 0,
  });
  const table = [
    price('acme-*', '2025-01-01', 1),
    price('acme-large*', '2025-01-01', 2),
    price('acme-large-v2', '2025-01-01', 3),
    price('acme-large*', '2025-06-01', 4),
  ];

  it('lets the longest matching prefix win, and an exact id beat every prefix', () => {
    expect(pickPrice(table, 'acme', 'acme-small', at('2025-02-01'))?.inputPerMTok).toBe(1);
    expect(pickPrice(table, 'acme', 'acme-large-v1', at('2025-02-01'))?.inputPerMTok).toBe(2);
    expect(pickPrice(table, 'acme', 'acme-large-v2', at('2025-07-01'))?.inputPerMTok).toBe(3);
  });

  it('takes the latest entry of the winning pattern in effect at the date', () => {
    expect(pickPrice(table, 'acme', 'acme-large-v1', at('2025-05-31'))?.inputPerMTok).toBe(2);
    expect(pickPrice(table, 'acme', 'acme-large-v1', at('2025-06-01'))?.inputPerMTok).toBe(4);
    expect(pickPrice(table, 'acme', 'acme-large-v1', at('2024-12-31'))).toBeNull();
  });
});

describe('computeCostUsd', () => {
  it('bills input and output at their prices', () => {
    // gpt-4o-mini: 0.15 and 0.60 $/MTok. 7 × 0.15 + 3 × 0.6 = 2.85 µ$.
    const price = priceFor('openai', 'gpt-4o-mini', at('2025-01-01'));
    expect(computeCostUsd(usage({ inputTokens: 7, outputTokens: 3 }), price)).toBe(0.00000285);
    // 1M in + 1M out of o3 before and after the price cut.
    const million = usage({ inputTokens: 1_000_000, outputTokens: 1_000_000 });
    expect(computeCostUsd(million, priceFor('openai', 'o3', at('2025-05-01')))).toBe(50);
    expect(computeCostUsd(million, priceFor('openai', 'o3', at('2025-07-01')))).toBe(10);
  });

  it('bills cached OpenAI input at the cached price only (prompt_tokens includes it)', () => {
    const normalised = usageFromOpenAI({
      prompt_tokens: 1000,
      completion_tokens: 500,
      total_tokens: 1500,
      prompt_tokens_details: { cached_tokens: 400 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(normalised).toMatchObject({ inputTokens: 1000, cachedInputTokens: 400, cacheWriteTokens: 0, outputTokens: 500 });
    // gpt-4o: 600 × 2.5 + 400 × 1.25 + 500 × 10 = 1500 + 500 + 5000 = 7000 µ$.
    expect(computeCostUsd(normalised, priceFor('openai', 'gpt-4o', at('2025-01-01')))).toBe(0.007);
  });

  it('bills Anthropic cache reads and writes at their prices and the rest at the input price', () => {
    const normalised = usageFromAnthropic({
      input_tokens: 100,
      cache_read_input_tokens: 2000,
      cache_creation_input_tokens: 1000,
      output_tokens: 300,
      output_tokens_details: null,
    });
    // Our inputTokens is the whole prompt, as OpenAI counts it.
    expect(normalised).toMatchObject({ inputTokens: 3100, cachedInputTokens: 2000, cacheWriteTokens: 1000, totalTokens: 3400 });
    // claude-sonnet-4-5: 100 × 3 + 2000 × 0.30 + 1000 × 3.75 + 300 × 15 = 300 + 600 + 3750 + 4500 = 9150 µ$.
    expect(computeCostUsd(normalised, priceFor('anthropic', 'claude-sonnet-4-5', at('2025-10-01')))).toBe(0.00915);
  });

  it('bills cache tokens at the input price when the entry has no cache prices', () => {
    const groq = priceFor('groq', 'llama-3.3-70b-versatile', at('2025-06-01'));
    // 1000 × 0.59 (400 of them cached, no discount) + 100 × 0.79 = 590 + 79 = 669 µ$.
    expect(computeCostUsd(usage({ inputTokens: 1000, cachedInputTokens: 400, outputTokens: 100 }), groq)).toBe(0.000669);
  });

  it('does not bill reasoning tokens twice: they are already output tokens', () => {
    const price = priceFor('openai', 'o4-mini', at('2025-06-01'));
    const plain = usage({ inputTokens: 100, outputTokens: 900 });
    const reasoning = usage({ inputTokens: 100, outputTokens: 900, reasoningTokens: 800 });
    // 100 × 1.1 + 900 × 4.4 = 110 + 3960 = 4070 µ$.
    expect(computeCostUsd(reasoning, price)).toBe(0.00407);
    expect(computeCostUsd(reasoning, price)).toBe(computeCostUsd(plain, price));
  });

  it('rounds to 1e-8 USD', () => {
    // One llama-3.1-8b-instant input token is 0.05 µ$ = 5e-8 USD; two output tokens 0.16 µ$ → 1.6e-7 + 5e-8.
    const price = priceFor('groq', 'llama-3.1-8b-instant', at('2025-01-01'));
    expect(computeCostUsd(usage({ inputTokens: 1, outputTokens: 2 }), price)).toBe(0.00000021);
    expect(computeCostUsd(usage({ inputTokens: 1 }), { ...price!, inputPerMTok: 0.001 })).toBe(0);
  });

  it('is null, never 0, for an unknown model, and 0 for the local model', () => {
    expect(computeCostUsd(usage({ inputTokens: 10, outputTokens: 10 }), priceFor('openai', 'gpt-9-ultra'))).toBeNull();
    expect(computeCostUsd(usage({ inputTokens: 10, outputTokens: 10 }), priceFor('local', 'promptlab-local'))).toBe(0);
  });
});
