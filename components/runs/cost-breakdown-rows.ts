import type { CostBreakdown, TokenClass } from '@/lib/llm/prices/price-types';
import { formatCount } from '@/lib/client/format';
import type { Run } from '@/lib/client/types';

/** Where the workspace's own prices are edited; the run page links there. */
export const MODEL_PRICES_HREF = '/settings#model-prices';

export type CostRow = { tokenClass: TokenClass; label: string; tokens: string; perMTok: string; cost: string };

// Rates like $0.075 or $0.0375 per million need more than cents.
const rate = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
// Costs are stored to 1e-8 USD: all eight decimals, so a short run's lines visibly add up to its total.
const precise = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 8 });

/** "$2.50 / MTok", "$0.075 / MTok". */
export const formatPerMTok = (perMTok: number) => `${rate.format(perMTok)} / MTok`;

/** "$0.003085", "$0.00000165", "$1.50", "$0". */
export const formatPreciseUsd = (usd: number) => (usd === 0 ? '$0' : precise.format(usd));

/** 200000 → "200K", 1000000 → "1M", 272000 → "272K". */
export function formatTokenThreshold(tokens: number): string {
  if (tokens >= 1_000_000 && tokens % 100_000 === 0) return `${tokens / 1_000_000}M`;
  if (tokens >= 1_000 && tokens % 1_000 === 0) return `${tokens / 1_000}K`;
  return formatCount(tokens);
}

function lineLabel(tokenClass: TokenClass, provider: string, reasoningTokens: number): string {
  switch (tokenClass) {
    case 'input':
      return 'Input';
    case 'cachedInput':
      return 'Cached input';
    case 'cacheWrite':
      // Only Anthropic has two write lifetimes; elsewhere a write is a write.
      return provider === 'anthropic' ? 'Cache writes (5 min)' : 'Cache writes';
    case 'cacheWrite1h':
      return 'Cache writes (1 hour)';
    case 'output':
      return reasoningTokens > 0 ? `Output (incl. ${formatCount(reasoningTokens)} reasoning)` : 'Output';
  }
}

/** The breakdown's lines as the run page's table shows them: token class, tokens × rate, cost. */
export function costRows(breakdown: CostBreakdown, { provider, reasoningTokens }: { provider: string; reasoningTokens: number }): CostRow[] {
  return breakdown.lines.map((line) => ({
    tokenClass: line.tokenClass,
    label: lineLabel(line.tokenClass, provider, reasoningTokens),
    tokens: formatCount(line.tokens),
    perMTok: formatPerMTok(line.perMTok),
    cost: formatPreciseUsd(line.usd),
  }));
}

/** "Billed at the >200K input-token rate"; null at the base rates. */
export const tierNote = (tier: CostBreakdown['tier']) => (tier ? `Billed at the >${formatTokenThreshold(tier.aboveInputTokens)} input-token rate` : null);

/** Why the cost is only an estimate, in the order the reader needs them; empty when the provider reported usage. */
export function estimateNotes(breakdown: Pick<CostBreakdown, 'estimated' | 'reasoningUncounted'>): string[] {
  if (!breakdown.estimated) return [];
  const notes = ['Estimate — the provider reported no usage; tokens were counted.'];
  if (breakdown.reasoningUncounted) notes.push('Hidden reasoning tokens could not be counted, so the real cost is higher.');
  return notes;
}

export type PriceSourceView =
  | { kind: 'table'; version: string; entry: { model: string; effectiveFrom: string; checkedOn: string; href: string | null; site: string | null } | null }
  | { kind: 'workspace'; from: string };

/** A link only for a web page (the local test model's source is a file in this repo), shown by its host and path. */
function sourceLink(source: string): { href: string; site: string } | null {
  try {
    const url = new URL(source);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return { href: url.href, site: `${url.host.replace(/^www\./, '')}${url.pathname.replace(/\/$/, '')}` };
  } catch {
    return null;
  }
}

/** Where the run's price came from, ready to show; null when the run had no price. */
export function priceSourceView(source: Run['priceSource']): PriceSourceView | null {
  if (!source) return null;
  // A workspace price applies from an instant; its UTC day is what Settings shows.
  if (source.kind === 'workspace') return { kind: 'workspace', from: source.effectiveFrom.slice(0, 10) };
  const entry = source.entry;
  if (!entry) return { kind: 'table', version: source.tableVersion, entry: null };
  const link = sourceLink(entry.source);
  return {
    kind: 'table',
    version: source.tableVersion,
    entry: { model: entry.model, effectiveFrom: entry.effectiveFrom, checkedOn: entry.checkedOn, href: link?.href ?? null, site: link?.site ?? null },
  };
}
