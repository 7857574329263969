import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkspacePrice } from '@/db/schema';

const rows = vi.hoisted(() => ({ current: [] as WorkspacePrice[], calls: 0 }));

// Only the database edge is replaced; the resolution and its cache are the real ones.
vi.mock('@/db/queries/workspace-prices', () => ({
  listWorkspacePricesForModel: async ({ workspaceId, provider, model }: { workspaceId: string; provider: string; model: string }) => {
    rows.calls += 1;
    return rows.current.filter((r) => r.workspaceId === workspaceId && r.provider === provider && r.model === model);
  },
}));

const { forgetWorkspacePrices, resolvePrice } = await import('@/lib/llm/resolve-price');
const { PRICE_TABLE_VERSION, computeCostUsd } = await import('@/lib/llm/pricing');

const GPT_4O_MINI_ENTRY = { model: 'gpt-4o-mini', effectiveFrom: '2024-07-18', source: 'https://developers.openai.com/api/docs/pricing', checkedOn: '2026-12-01' };

const WS = '00000000-0000-4000-8000-000000000001';
const OTHER_WS = '00000000-0000-4000-8000-000000000002';

function price(overrides: Partial<WorkspacePrice>): WorkspacePrice {
  return {
    id: `p-${Math.random().toString(36).slice(2)}`,
    workspaceId: WS,
    provider: 'openai',
    model: 'my-finetune',
    effectiveFrom: new Date('2026-01-01T00:00:00Z'),
    inputPerMTok: 1,
    outputPerMTok: 2,
    cachedInputPerMTok: null,
    cacheWritePerMTok: null,
    cacheWrite1hPerMTok: null,
    createdBy: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

beforeEach(() => {
  rows.current = [];
  rows.calls = 0;
  forgetWorkspacePrices(WS);
  forgetWorkspacePrices(OTHER_WS);
});

describe('resolvePrice', () => {
  it('falls back to the built-in table and names its version', async () => {
    const resolved = await resolvePrice({ workspaceId: WS, provider: 'openai', model: 'gpt-4o-mini', at: new Date('2026-06-01T00:00:00Z') });
    expect(resolved.source).toEqual({ kind: 'table', tableVersion: PRICE_TABLE_VERSION, entry: GPT_4O_MINI_ENTRY });
    expect(resolved.price).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', inputPerMTok: 0.15, outputPerMTok: 0.6 });
    expect(resolved.reasoning).toBe(false);
  });

  it('names the table entry a snapshot id was priced by, and says when the model reasons', async () => {
    const resolved = await resolvePrice({ workspaceId: WS, provider: 'openai', model: 'gpt-5.4-2026-03-05', at: new Date('2026-06-01T00:00:00Z') });
    expect(resolved.source).toEqual({
      kind: 'table',
      tableVersion: PRICE_TABLE_VERSION,
      entry: { model: 'gpt-5.4', effectiveFrom: '2026-03-05', source: 'https://developers.openai.com/api/docs/models/gpt-5.4', checkedOn: '2026-12-01' },
    });
    expect(resolved.reasoning).toBe(true);
  });

  it('keeps the table’s reasoning flag when the workspace prices the model itself', async () => {
    const own = price({ model: 'o3', inputPerMTok: 3, outputPerMTok: 9 });
    rows.current = [own];
    const resolved = await resolvePrice({ workspaceId: WS, provider: 'openai', model: 'o3', at: new Date('2026-06-01T00:00:00Z') });
    expect(resolved.source).toEqual({ kind: 'workspace', priceId: own.id, effectiveFrom: '2026-01-01T00:00:00.000Z' });
    expect(resolved.price?.inputPerMTok).toBe(3);
    expect(resolved.reasoning).toBe(true);
  });

  it('answers nulls for a model neither the workspace nor the table knows', async () => {
    expect(await resolvePrice({ workspaceId: WS, provider: 'openai', model: 'my-finetune', at: new Date() })).toEqual({ price: null, source: null, reasoning: false });
  });

  it('prefers the workspace entry over the table for a table model', async () => {
    const own = price({ model: 'gpt-4o-mini', inputPerMTok: 9, outputPerMTok: 19, cachedInputPerMTok: 4.5 });
    rows.current = [own];
    const resolved = await resolvePrice({ workspaceId: WS, provider: 'openai', model: 'gpt-4o-mini', at: new Date('2026-06-01T00:00:00Z') });
    expect(resolved.source).toEqual({ kind: 'workspace', priceId: own.id, effectiveFrom: '2026-01-01T00:00:00.000Z' });
    expect(resolved.price).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      effectiveFrom: '2026-01-01T00:00:00.000Z',
      inputPerMTok: 9,
      outputPerMTok: 19,
      cachedInputPerMTok: 4.5,
    });
    // Absent cache-write price bills at the input price, as in the table.
    const cost = computeCostUsd({ inputTokens: 1_000_000, outputTokens: 0, totalTokens: 1_000_000, cachedInputTokens: 0, cacheWriteTokens: 1_000_000, reasoningTokens: 0, estimated: false }, resolved.price);
    expect(cost).toBe(9);
  });

  it('picks the entry with the latest effectiveFrom at or before the instant, to the millisecond', async () => {
    const jan = price({ effectiveFrom: new Date('2026-01-01T00:00:00Z'), inputPerMTok: 1 });
    const march = price({ effectiveFrom: new Date('2026-03-01T12:00:00Z'), inputPerMTok: 3 });
    const june = price({ effectiveFrom: new Date('2026-06-01T00:00:00Z'), inputPerMTok: 6 });
    rows.current = [june, jan, march];
    const at = async (iso: string) => (await resolvePrice({ workspaceId: WS, provider: 'openai', model: 'my-finetune', at: new Date(iso) })).price?.inputPerMTok ?? null;
    expect(await at('2025-12-31T23:59:59.999Z')).toBeNull();
    expect(await at('2026-01-01T00:00:00.000Z')).toBe(1);
    expect(await at('2026-03-01T11:59:59.999Z')).toBe(1);
    expect(await at('2026-03-01T12:00:00.000Z')).toBe(3);
    expect(await at('2026-12-01T00:00:00.000Z')).toBe(6);
  });

  it('uses the table before the workspace entry takes effect', async () => {
    rows.current = [price({ model: 'gpt-4o-mini', effectiveFrom: new Date('2026-07-01T00:00:00Z'), inputPerMTok: 9 })];
    const before = await resolvePrice({ workspaceId: WS, provider: 'openai', model: 'gpt-4o-mini', at: new Date('2026-06-30T00:00:00Z') });
    expect(before.source).toEqual({ kind: 'table', tableVersion: PRICE_TABLE_VERSION, entry: GPT_4O_MINI_ENTRY });
    expect(before.price?.inputPerMTok).toBe(0.15);
  });

  it("never uses another workspace's or another provider's entry", async () => {
    rows.current = [price({ workspaceId: OTHER_WS }), price({ provider: 'anthropic' })];
    expect((await resolvePrice({ workspaceId: WS, provider: 'openai', model: 'my-finetune', at: new Date() })).price).toBeNull();
    expect((await resolvePrice({ workspaceId: OTHER_WS, provider: 'openai', model: 'my-finetune', at: new Date() })).source?.kind).toBe('workspace');
  });

  it('caches a workspace model lookup until its prices change', async () => {
    const args = { workspaceId: WS, provider: 'openai', model: 'my-finetune', at: new Date() };
    await resolvePrice(args);
    await resolvePrice(args);
    expect(rows.calls).toBe(1);
    rows.current = [price({ inputPerMTok: 7 })];
    expect((await resolvePrice(args)).price).toBeNull();
    forgetWorkspacePrices(WS);
    expect((await resolvePrice(args)).price?.inputPerMTok).toBe(7);
    expect(rows.calls).toBe(2);
  });
});

describe('resolvePrice under load', () => {
  it('makes one query for many concurrent lookups of the same model', async () => {
    rows.current = [price({ inputPerMTok: 5 })];
    const args = { workspaceId: WS, provider: 'openai', model: 'my-finetune', at: new Date() };
    const all = await Promise.all(Array.from({ length: 50 }, () => resolvePrice(args)));
    expect(all.every((r) => r.price?.inputPerMTok === 5)).toBe(true);
    expect(rows.calls).toBe(1);
  });
});
