import { describe, expect, it } from 'vitest';
import table from '@/lib/llm/prices/price-table.json';
import { isProviderPage, type PriceTableFile } from '@/lib/llm/prices/price-entry-schema';
import { priceTableProblems } from '@/lib/llm/prices/price-table-checks';
import type { PriceEntry } from '@/lib/llm/prices/price-types';
import { PRICE_TABLE_VERSION, priceFor } from '@/lib/llm/pricing';

type RawEntry = Record<string, unknown>;

const entry = (over: RawEntry = {}): RawEntry => ({
  provider: 'openai',
  model: 'gpt-test',
  effectiveFrom: '2026-01-10',
  inputPerMTok: 1,
  outputPerMTok: 4,
  source: 'https://developers.openai.com/api/docs/pricing',
  checkedOn: '2026-12-01',
  ...over,
});

const problemsOf = (...entries: RawEntry[]) => priceTableProblems({ version: '2026-12-01.1', entries });

describe('the built-in price table file', () => {
  it('has no problems', () => {
    // One line per problem, naming the entry and the fix.
    expect(priceTableProblems(table)).toEqual([]);
  });

  it('is held to the engine’s PriceEntry type by the schema (checked by tsc)', () => {
    const asEngineEntry = (entry: PriceTableFile['entries'][number]): PriceEntry => entry;
    expect(asEngineEntry).toBeTypeOf('function');
  });

  it('is the version the engine stores on runs', () => {
    expect(PRICE_TABLE_VERSION).toBe(table.version);
    expect(table.version).toBe('2026-12-01.1');
  });

  it('carries the corrections of the check', () => {
    expect(priceFor('anthropic', 'claude-3-5-haiku-20241022', new Date('2024-11-10T12:00:00Z'))).toMatchObject({ inputPerMTok: 1, outputPerMTok: 5 });
    expect(priceFor('anthropic', 'claude-3-5-haiku-20241022', new Date('2024-12-10T12:00:00Z'))).toMatchObject({ inputPerMTok: 0.8, outputPerMTok: 4 });
    expect(priceFor('groq', 'llama3-8b-8192', new Date('2024-05-01T12:00:00Z'))).toMatchObject({ outputPerMTok: 0.1 });
    expect(priceFor('groq', 'llama3-8b-8192', new Date('2024-07-01T12:00:00Z'))).toMatchObject({ outputPerMTok: 0.08 });
    expect(priceFor('anthropic', 'claude-sonnet-4-6', new Date('2026-02-16T12:00:00Z'))).toBeNull();
    expect(priceFor('anthropic', 'claude-sonnet-4-6', new Date('2026-02-17T12:00:00Z'))).toMatchObject({ releasedOn: '2026-02-17' });
  });
});

describe('priceTableProblems', () => {
  it('accepts a sound entry', () => {
    expect(problemsOf(entry())).toEqual([]);
  });

  it('rejects unknown fields and nulls, naming the entry', () => {
    expect(problemsOf(entry({ cacheReadPerMTok: 0.1 }))).toEqual([expect.stringMatching(/^entry 0 \(openai gpt-test from 2026-01-10\).*cacheReadPerMTok/)]);
    expect(problemsOf(entry({ cachedInputPerMTok: null }))[0]).toMatch(/^entry 0 \(openai gpt-test from 2026-01-10\) cachedInputPerMTok:/);
  });

  it('rejects days that do not exist and negative prices', () => {
    expect(problemsOf(entry({ effectiveFrom: '2026-02-30' }))[0]).toMatch(/effectiveFrom: is not a day of the calendar/);
    expect(problemsOf(entry({ effectiveFrom: '2026-1-10' }))[0]).toMatch(/effectiveFrom: must be a day written YYYY-MM-DD/);
    expect(problemsOf(entry({ outputPerMTok: -1 }))[0]).toMatch(/outputPerMTok: must be a non-negative USD amount/);
  });

  it('wants the source on the provider’s own site, over https', () => {
    expect(problemsOf(entry({ source: 'https://github.com/groq/groq-changelog' }))[0]).toMatch(/source: must be an https URL on openai's own site/);
    expect(problemsOf(entry({ source: 'http://openai.com/api/pricing/' }))).toHaveLength(1);
    expect(problemsOf(entry({ source: 'https://notopenai.com/pricing' }))).toHaveLength(1);
    expect(isProviderPage('groq', 'https://console.groq.com/docs/models')).toBe(true);
    expect(isProviderPage('anthropic', 'https://www.anthropic.com/news')).toBe(true);
    expect(isProviderPage('anthropic', 'https://openai.com/api/pricing/')).toBe(false);
    expect(isProviderPage('anthropic', 'not a url')).toBe(false);
  });

  it('wants life dates in order', () => {
    expect(problemsOf(entry({ releasedOn: '2026-01-10', retiresOn: '2026-01-10' }))[0]).toMatch(/retiresOn: must be after releasedOn/);
    expect(problemsOf(entry({ releasedOn: '2026-01-11' }))[0]).toMatch(/effectiveFrom: must not be before releasedOn \(2026-01-11\)/);
    expect(problemsOf(entry({ retiresOn: '2026-01-10' }))[0]).toMatch(/effectiveFrom: must be before retiresOn/);
  });

  it('wants tiers ascending, with the base price’s cache rates, and not cheaper than the base', () => {
    const tier = (aboveInputTokens: number, inputPerMTok = 2) => ({ aboveInputTokens, inputPerMTok, outputPerMTok: 8 });
    expect(problemsOf(entry({ tiers: [tier(200_000), tier(100_000)] }))[0]).toMatch(/tiers\.1\.aboveInputTokens: tiers must ascend/);
    expect(problemsOf(entry({ cachedInputPerMTok: 0.1, tiers: [tier(200_000)] }))[0]).toMatch(/tiers\.0\.cachedInputPerMTok: must be given in the tier/);
    expect(problemsOf(entry({ tiers: [tier(200_000, 0.5)] }))[0]).toMatch(/tiers\.0\.inputPerMTok: a long-prompt tier is not cheaper/);
    expect(problemsOf(entry({ tiers: [] }))[0]).toMatch(/omit `tiers`/);
  });

  it('rejects a check dated after the table’s version', () => {
    expect(problemsOf(entry({ checkedOn: '2026-12-02' }))).toEqual([
      'openai gpt-test from 2026-01-10: checkedOn 2026-12-02 is after the table\'s version day 2026-12-01; bump version',
    ]);
  });

  it('rejects two entries for one model and day', () => {
    expect(problemsOf(entry(), entry({ inputPerMTok: 2 }))).toEqual([
      'openai gpt-test from 2026-01-10: a second entry for the same provider, model and effectiveFrom; merge them or date the change',
    ]);
  });

  it('rejects patterns that price one model id equally, so a model has one price a day', () => {
    // `gpt-test` (exact, so also its snapshots) and `gpt-test*` both score 8 on the snapshot gpt-test-2099-01-01.
    expect(problemsOf(entry(), entry({ model: 'gpt-test*', effectiveFrom: '2026-02-01' }))).toContain(
      'openai model id gpt-test-2099-01-01 is matched equally by gpt-test and gpt-test*: make one pattern more specific or merge them',
    );
    // A longer prefix or an exact id wins outright: no ambiguity.
    expect(problemsOf(entry({ model: 'gpt-t*' }), entry({ model: 'gpt-test-*' }), entry())).toEqual([]);
  });

  it('wants one model’s entries to agree on its life dates', () => {
    expect(problemsOf(entry({ retiresOn: '2026-12-11' }), entry({ effectiveFrom: '2026-06-01', retiresOn: '2027-01-01' }))).toEqual([
      'openai gpt-test from 2026-06-01: retiresOn 2027-01-01 differs from 2026-12-11 on openai gpt-test from 2026-01-10; give every entry of the model the same retiresOn',
    ]);
    expect(problemsOf(entry({ reasoning: true }), entry({ effectiveFrom: '2026-06-01' }))).toEqual([
      'openai gpt-test from 2026-06-01: reasoning absent differs from true on openai gpt-test from 2026-01-10; give every entry of the model the same reasoning',
    ]);
  });

  it('wants a replacement the table prices', () => {
    expect(problemsOf(entry({ replacement: 'gpt-next' }))).toEqual([
      'openai gpt-test from 2026-01-10: replacement gpt-next has no price in the table on 2026-12-01; add it or name a priced model',
    ]);
    expect(problemsOf(entry({ replacement: 'gpt-next' }), entry({ model: 'gpt-next' }))).toEqual([]);
  });
});
