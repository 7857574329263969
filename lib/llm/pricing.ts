import { LOCAL_MODEL_ID, LOCAL_PROVIDER_ID } from '../providers/catalog';
import type { Usage } from './types';

/**
 * Bump when an entry is added or changed, and store it beside every computed cost, so a cost can be traced to
 * the table that produced it. Past entries are never edited: a price change is a new entry with a later
 * effectiveFrom.
 */
export const PRICE_TABLE_VERSION = '2026-11-20.1';

/**
 * USD per million tokens, effective from a UTC date. `model` is an exact id, which also matches its dated
 * snapshots ("gpt-4.1" matches "gpt-4.1-2025-04-14", "claude-sonnet-4" matches "claude-sonnet-4-20250514"),
 * or a prefix ending in `*`.
 */
export type ModelPrice = {
  provider: string;
  model: string;
  effectiveFrom: string;
  inputPerMTok: number;
  outputPerMTok: number;
  /** Cache reads; absent means cached input is billed at the input price. */
  cachedInputPerMTok?: number;
  /** Cache writes (Anthropic's 5-minute TTL); absent means they are billed at the input price. */
  cacheWritePerMTok?: number;
};

type Rates = Omit<ModelPrice, 'provider' | 'model' | 'effectiveFrom'>;

const entries = (provider: string, effectiveFrom: string, models: string[], rates: Rates): ModelPrice[] =>
  models.map((model) => ({ provider, model, effectiveFrom, ...rates }));

// Anthropic bills a 5-minute cache write at 1.25× and a cache read at 0.1× the input price.
const claude = (input: number, output: number): Rates => ({
  inputPerMTok: input,
  outputPerMTok: output,
  cacheWritePerMTok: Math.round(input * 1.25 * 1e6) / 1e6,
  cachedInputPerMTok: Math.round(input * 0.1 * 1e6) / 1e6,
});

export const PRICE_TABLE: readonly ModelPrice[] = [
  // OpenAI (cached input is the automatic prompt-caching discount; OpenAI has no cache-write charge).
  ...entries('openai', '2024-05-13', ['gpt-4o', 'gpt-4o-2024-05-13'], { inputPerMTok: 5, outputPerMTok: 15 }),
  // The gpt-4o alias moved to the 2024-08-06 snapshot on 2024-10-02.
  ...entries('openai', '2024-10-02', ['gpt-4o'], { inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25 }),
  ...entries('openai', '2024-08-06', ['gpt-4o-2024-08-06', 'gpt-4o-2024-11-20'], {
    inputPerMTok: 2.5,
    outputPerMTok: 10,
    cachedInputPerMTok: 1.25,
  }),
  ...entries('openai', '2024-07-18', ['gpt-4o-mini'], { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 }),
  ...entries('openai', '2025-04-14', ['gpt-4.1'], { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.5 }),
  ...entries('openai', '2025-04-14', ['gpt-4.1-mini'], { inputPerMTok: 0.4, outputPerMTok: 1.6, cachedInputPerMTok: 0.1 }),
  ...entries('openai', '2025-04-14', ['gpt-4.1-nano'], { inputPerMTok: 0.1, outputPerMTok: 0.4, cachedInputPerMTok: 0.025 }),
  ...entries('openai', '2025-04-16', ['o3'], { inputPerMTok: 10, outputPerMTok: 40, cachedInputPerMTok: 2.5 }),
  // o3 was cut by 80% on 2025-06-10.
  ...entries('openai', '2025-06-10', ['o3'], { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.5 }),
  ...entries('openai', '2025-01-31', ['o3-mini'], { inputPerMTok: 1.1, outputPerMTok: 4.4, cachedInputPerMTok: 0.55 }),
  ...entries('openai', '2025-04-16', ['o4-mini'], { inputPerMTok: 1.1, outputPerMTok: 4.4, cachedInputPerMTok: 0.275 }),
  ...entries('openai', '2025-08-07', ['gpt-5'], { inputPerMTok: 1.25, outputPerMTok: 10, cachedInputPerMTok: 0.125 }),
  ...entries('openai', '2025-11-13', ['gpt-5.1'], { inputPerMTok: 1.25, outputPerMTok: 10, cachedInputPerMTok: 0.125 }),
  ...entries('openai', '2025-08-07', ['gpt-5-mini'], { inputPerMTok: 0.25, outputPerMTok: 2, cachedInputPerMTok: 0.025 }),
  ...entries('openai', '2025-08-07', ['gpt-5-nano'], { inputPerMTok: 0.05, outputPerMTok: 0.4, cachedInputPerMTok: 0.005 }),

  // Anthropic. Long-context (>200K input) surcharges of Sonnet 4/4.5 are not modelled.
  ...entries('anthropic', '2024-06-20', ['claude-3-5-sonnet*'], claude(3, 15)),
  ...entries('anthropic', '2024-11-04', ['claude-3-5-haiku*'], claude(0.8, 4)),
  ...entries('anthropic', '2025-02-24', ['claude-3-7-sonnet*'], claude(3, 15)),
  ...entries('anthropic', '2025-05-22', ['claude-sonnet-4', 'claude-sonnet-4-0'], claude(3, 15)),
  ...entries('anthropic', '2025-05-22', ['claude-opus-4', 'claude-opus-4-0'], claude(15, 75)),
  ...entries('anthropic', '2025-08-05', ['claude-opus-4-1'], claude(15, 75)),
  ...entries('anthropic', '2025-09-29', ['claude-sonnet-4-5'], claude(3, 15)),
  ...entries('anthropic', '2025-10-15', ['claude-haiku-4-5'], claude(1, 5)),
  ...entries('anthropic', '2025-11-24', ['claude-opus-4-5'], claude(5, 25)),
  // Dated from Opus 4.6's release; later models in a group simply have no usage before their own release.
  ...entries('anthropic', '2026-02-05', ['claude-opus-4-6', 'claude-opus-4-7', 'claude-opus-4-8'], claude(5, 25)),
  ...entries('anthropic', '2026-02-05', ['claude-sonnet-4-6'], claude(3, 15)),
  ...entries('anthropic', '2026-07-24', ['claude-opus-5'], claude(5, 25)),

  // Groq (no cache discount modelled).
  ...entries('groq', '2024-04-18', ['llama3-8b-8192'], { inputPerMTok: 0.05, outputPerMTok: 0.08 }),
  ...entries('groq', '2024-04-18', ['llama3-70b-8192'], { inputPerMTok: 0.59, outputPerMTok: 0.79 }),
  ...entries('groq', '2024-07-23', ['llama-3.1-8b-instant'], { inputPerMTok: 0.05, outputPerMTok: 0.08 }),
  ...entries('groq', '2024-12-06', ['llama-3.3-70b-versatile'], { inputPerMTok: 0.59, outputPerMTok: 0.79 }),

  // The built-in local test model costs nothing.
  ...entries(LOCAL_PROVIDER_ID, '2024-01-01', [LOCAL_MODEL_ID], { inputPerMTok: 0, outputPerMTok: 0 }),
];

const SNAPSHOT_SUFFIX = /^-(\d{4}-\d{2}-\d{2}|\d{8})$/;

/** How specifically a pattern names the model: higher wins, -1 means no match. */
function specificity(pattern: string, model: string): number {
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return model.startsWith(prefix) ? prefix.length : -1;
  }
  if (model === pattern) return Number.MAX_SAFE_INTEGER;
  return model.startsWith(pattern) && SNAPSHOT_SUFFIX.test(model.slice(pattern.length)) ? pattern.length : -1;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The price of `model` at `at`: among entries effective by then, the most specific pattern (an exact id, then the
 * longest prefix), and of its entries the latest. Null when the table does not know the model.
 */
export function priceFor(provider: string, model: string, at: Date = new Date()): ModelPrice | null {
  return pickPrice(PRICE_TABLE, provider, model, at);
}

/** priceFor over any table. */
export function pickPrice(table: readonly ModelPrice[], provider: string, model: string, at: Date): ModelPrice | null {
  const today = day(at);
  let best: { price: ModelPrice; score: number } | null = null;
  for (const price of table) {
    if (price.provider !== provider || price.effectiveFrom > today) continue;
    const score = specificity(price.model, model);
    if (score < 0) continue;
    if (!best || score > best.score || (score === best.score && price.effectiveFrom > best.price.effectiveFrom)) {
      best = { price, score };
    }
  }
  return best?.price ?? null;
}

/**
 * Cost in USD rounded to 1e-8, or null when the price is unknown (never 0 for an unknown model).
 * `usage.inputTokens` is the whole prompt: cached reads and cache writes are billed at their own prices and the
 * rest at the input price. Reasoning tokens are part of `outputTokens`.
 */
export function computeCostUsd(usage: Usage, price: ModelPrice | null): number | null {
  if (!price) return null;
  const cached = usage.cachedInputTokens;
  const written = usage.cacheWriteTokens;
  const uncached = Math.max(0, usage.inputTokens - cached - written);
  const microDollars =
    uncached * price.inputPerMTok +
    cached * (price.cachedInputPerMTok ?? price.inputPerMTok) +
    written * (price.cacheWritePerMTok ?? price.inputPerMTok) +
    usage.outputTokens * price.outputPerMTok;
  // tokens × $/MTok is micro-dollars; × 100 is units of 1e-8 USD.
  return Math.round(microDollars * 100) / 1e8;
}
