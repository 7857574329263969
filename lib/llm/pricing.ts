import { PRICE_TABLE, PRICE_TABLE_VERSION } from './prices/price-table';
import type { CostBreakdown, CostLine, ModelPrice, PriceEntry, PriceRates, PriceTier, TokenClass } from './prices/price-types';
import type { Usage } from './types';

export { PRICE_TABLE, PRICE_TABLE_VERSION };
export type { CostBreakdown, ModelPrice, PriceEntry };

const SNAPSHOT_SUFFIX = /^-(\d{4}-\d{2}-\d{2}|\d{8})$/;

/** How specifically a table pattern names the model: higher wins, -1 means no match. */
export function matchSpecificity(pattern: string, model: string): number {
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
export function priceFor(provider: string, model: string, at: Date = new Date()): PriceEntry | null {
  return pickPrice(PRICE_TABLE, provider, model, at);
}

/** priceFor over any table. */
export function pickPrice<P extends ModelPrice>(table: readonly P[], provider: string, model: string, at: Date): P | null {
  const today = day(at);
  let best: { price: P; score: number } | null = null;
  for (const price of table) {
    if (price.provider !== provider || price.effectiveFrom > today) continue;
    const score = matchSpecificity(price.model, model);
    if (score < 0) continue;
    if (!best || score > best.score || (score === best.score && price.effectiveFrom > best.price.effectiveFrom)) {
      best = { price, score };
    }
  }
  return best?.price ?? null;
}

/** The rates a request is billed at: the highest tier its input is above, else the base rates. */
export function ratesFor(price: ModelPrice, inputTokens: number): { rates: PriceRates; tier: CostBreakdown['tier'] } {
  let tier: PriceTier | null = null;
  for (const candidate of price.tiers ?? []) {
    if (inputTokens > candidate.aboveInputTokens && (!tier || candidate.aboveInputTokens > tier.aboveInputTokens)) tier = candidate;
  }
  return tier ? { rates: tier, tier: { aboveInputTokens: tier.aboveInputTokens } } : { rates: price, tier: null };
}

const LINE_ORDER: TokenClass[] = ['input', 'cachedInput', 'cacheWrite', 'cacheWrite1h', 'output'];

/**
 * How much a completion cost, line by line: each token class × its price. `usage.inputTokens` is the whole prompt:
 * cache reads and writes are billed at their own prices and the rest at the input price; of the writes,
 * `cacheWrite1hTokens` at the 1-hour price and the rest at the 5-minute one. Reasoning tokens are part of
 * `outputTokens`, billed once. Null when the price is unknown (never 0 for an unknown model).
 */
export function costBreakdown(usage: Usage, price: ModelPrice | null, { reasoning = false }: { reasoning?: boolean } = {}): CostBreakdown | null {
  if (!price) return null;
  const { rates, tier } = ratesFor(price, usage.inputTokens);
  const cached = usage.cachedInputTokens;
  const written = usage.cacheWriteTokens;
  const written1h = Math.min(written, usage.cacheWrite1hTokens ?? 0);
  const tokens: Record<TokenClass, number> = {
    input: Math.max(0, usage.inputTokens - cached - written),
    cachedInput: cached,
    cacheWrite: written - written1h,
    cacheWrite1h: written1h,
    output: usage.outputTokens,
  };
  const cacheWrite = rates.cacheWritePerMTok ?? rates.inputPerMTok;
  const perMTok: Record<TokenClass, number> = {
    input: rates.inputPerMTok,
    cachedInput: rates.cachedInputPerMTok ?? rates.inputPerMTok,
    cacheWrite,
    cacheWrite1h: rates.cacheWrite1hPerMTok ?? cacheWrite,
    output: rates.outputPerMTok,
  };
  const lines: CostLine[] = LINE_ORDER.filter((tokenClass) => tokens[tokenClass] > 0).map((tokenClass) => ({
    tokenClass,
    tokens: tokens[tokenClass],
    perMTok: perMTok[tokenClass],
    usd: toUsd(tokens[tokenClass] * perMTok[tokenClass]),
  }));
  return { lines, tier, estimated: usage.estimated, reasoningUncounted: usage.estimated && reasoning };
}

/** The breakdown's total: its lines summed before rounding, so rounding each line cannot drift the total. */
export function breakdownTotalUsd(breakdown: CostBreakdown): number {
  return toUsd(breakdown.lines.reduce((sum, line) => sum + line.tokens * line.perMTok, 0));
}

/** Cost in USD rounded to 1e-8, or null when the price is unknown (never 0 for an unknown model). */
export function computeCostUsd(usage: Usage, price: ModelPrice | null): number | null {
  const breakdown = costBreakdown(usage, price);
  return breakdown ? breakdownTotalUsd(breakdown) : null;
}

// tokens × $/MTok is micro-dollars; × 100 is units of 1e-8 USD.
const toUsd = (microDollars: number) => Math.round(microDollars * 100) / 1e8;
