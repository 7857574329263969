import { describe, expect, it } from 'vitest';
import {
  costRows,
  estimateNotes,
  formatPerMTok,
  formatPreciseUsd,
  formatTokenThreshold,
  priceSourceView,
  tierNote,
} from '@/components/runs/cost-breakdown-rows';
import type { CostBreakdown } from '@/lib/llm/prices/price-types';

// An Anthropic run at $3 / $15 with cache reads at $0.30, 5-minute writes at $3.75 and 1-hour writes at $6:
//   input        1,000 × $3    / 1e6 = $0.003
//   cached       4,000 × $0.30 / 1e6 = $0.0012
//   writes 5m    2,000 × $3.75 / 1e6 = $0.0075
//   writes 1h    1,000 × $6    / 1e6 = $0.006
//   output         500 × $15   / 1e6 = $0.0075 (200 of them reasoning)
const anthropicRun: CostBreakdown = {
  lines: [
    { tokenClass: 'input', tokens: 1000, perMTok: 3, usd: 0.003 },
    { tokenClass: 'cachedInput', tokens: 4000, perMTok: 0.3, usd: 0.0012 },
    { tokenClass: 'cacheWrite', tokens: 2000, perMTok: 3.75, usd: 0.0075 },
    { tokenClass: 'cacheWrite1h', tokens: 1000, perMTok: 6, usd: 0.006 },
    { tokenClass: 'output', tokens: 500, perMTok: 15, usd: 0.0075 },
  ],
  tier: null,
  estimated: false,
  reasoningUncounted: false,
};

describe('costRows', () => {
  it('names each token class, its tokens, its rate and its cost', () => {
    expect(costRows(anthropicRun, { provider: 'anthropic', reasoningTokens: 200 })).toEqual([
      { tokenClass: 'input', label: 'Input', tokens: '1,000', perMTok: '$3.00 / MTok', cost: '$0.003' },
      { tokenClass: 'cachedInput', label: 'Cached input', tokens: '4,000', perMTok: '$0.30 / MTok', cost: '$0.0012' },
      { tokenClass: 'cacheWrite', label: 'Cache writes (5 min)', tokens: '2,000', perMTok: '$3.75 / MTok', cost: '$0.0075' },
      { tokenClass: 'cacheWrite1h', label: 'Cache writes (1 hour)', tokens: '1,000', perMTok: '$6.00 / MTok', cost: '$0.006' },
      { tokenClass: 'output', label: 'Output (incl. 200 reasoning)', tokens: '500', perMTok: '$15.00 / MTok', cost: '$0.0075' },
    ]);
  });

  it('calls writes just "Cache writes" where there is one lifetime, and output plain without reasoning', () => {
    // OpenAI GPT-5.6 at $5 input, writes at 1.25× = $6.25: 3,000 × $6.25 / 1e6 = $0.01875.
    const openai: CostBreakdown = {
      ...anthropicRun,
      lines: [
        { tokenClass: 'cacheWrite', tokens: 3000, perMTok: 6.25, usd: 0.01875 },
        { tokenClass: 'output', tokens: 10, perMTok: 30, usd: 0.0003 },
      ],
    };
    expect(costRows(openai, { provider: 'openai', reasoningTokens: 0 }).map((row) => row.label)).toEqual(['Cache writes', 'Output']);
  });
});

describe('money and thresholds', () => {
  it('shows rates to four decimals and costs to the stored 1e-8 of a dollar', () => {
    expect(formatPerMTok(0.075)).toBe('$0.075 / MTok');
    expect(formatPerMTok(0.0375)).toBe('$0.0375 / MTok');
    expect(formatPerMTok(2.5)).toBe('$2.50 / MTok');
    // 11 tokens × $0.15 / 1e6 = $0.00000165 and 6 × $0.60 / 1e6 = $0.0000036: the lines add up to $0.00000525 on screen.
    expect(formatPreciseUsd(0.00000165)).toBe('$0.00000165');
    expect(formatPreciseUsd(0.0000036)).toBe('$0.0000036');
    expect(formatPreciseUsd(0.00000525)).toBe('$0.00000525');
    expect(formatPreciseUsd(0.018916)).toBe('$0.018916');
    expect(formatPreciseUsd(0)).toBe('$0');
    expect(formatPreciseUsd(1.5)).toBe('$1.50');
  });

  it('writes tier thresholds the way pricing pages do', () => {
    expect(formatTokenThreshold(200_000)).toBe('200K');
    expect(formatTokenThreshold(272_000)).toBe('272K');
    expect(formatTokenThreshold(1_000_000)).toBe('1M');
    expect(formatTokenThreshold(1_500)).toBe('1,500');
    expect(tierNote({ aboveInputTokens: 200_000 })).toBe('Billed at the >200K input-token rate');
    expect(tierNote(null)).toBeNull();
  });
});

describe('estimateNotes', () => {
  it('says nothing when the provider reported usage', () => {
    expect(estimateNotes({ estimated: false, reasoningUncounted: false })).toEqual([]);
  });

  it('marks an estimate, and a reasoning model whose hidden tokens were not counted', () => {
    expect(estimateNotes({ estimated: true, reasoningUncounted: false })).toEqual(['Estimate — the provider reported no usage; tokens were counted.']);
    expect(estimateNotes({ estimated: true, reasoningUncounted: true })).toEqual([
      'Estimate — the provider reported no usage; tokens were counted.',
      'Hidden reasoning tokens could not be counted, so the real cost is higher.',
    ]);
  });
});

describe('priceSourceView', () => {
  it('shows the table entry with a link to the provider page', () => {
    const source = {
      kind: 'table' as const,
      tableVersion: '2026-12-01',
      entry: { model: 'gpt-4o-mini', effectiveFrom: '2024-07-18', source: 'https://openai.com/api/pricing/', checkedOn: '2026-12-01' },
    };
    expect(priceSourceView(source)).toEqual({
      kind: 'table',
      version: '2026-12-01',
      entry: { model: 'gpt-4o-mini', effectiveFrom: '2024-07-18', checkedOn: '2026-12-01', href: 'https://openai.com/api/pricing/', site: 'openai.com/api/pricing' },
    });
  });

  it('links no source that is not a web page, and copes with runs priced before entries were recorded', () => {
    const local = { kind: 'table' as const, tableVersion: 'v', entry: { model: 'local-echo', effectiveFrom: '2024-01-01', source: 'lib/llm/local-provider.ts', checkedOn: '2026-12-01' } };
    expect(priceSourceView(local)).toMatchObject({ entry: { href: null, site: null } });
    expect(priceSourceView({ kind: 'table', tableVersion: 'v' })).toEqual({ kind: 'table', version: 'v', entry: null });
    expect(priceSourceView(null)).toBeNull();
  });

  it('dates a workspace price by its UTC day', () => {
    expect(priceSourceView({ kind: 'workspace', priceId: 'p1', effectiveFrom: '2026-11-20T00:00:00.000Z' })).toEqual({ kind: 'workspace', from: '2026-11-20' });
  });
});
