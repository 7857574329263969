import 'server-only';
import { listWorkspacePricesForModel } from '@/db/queries/workspace-prices';
import type { PriceSource, WorkspacePrice } from '@/db/schema';
import { sharedMemoryCache } from '../memory-cache';
import { PRICE_TABLE_VERSION, priceFor, type ModelPrice } from './pricing';

/*
 * A run's price: the workspace's own entry for its provider/model when one is in effect, else the built-in table.
 * One workspace's entries for a model are cached here for PRICES_TTL_MS; a write in this process drops them at
 * once (forgetWorkspacePrices), another instance sees it when its entry expires.
 */
export const PRICES_TTL_MS = 30_000;

type Entry = Pick<WorkspacePrice, 'id' | 'provider' | 'model' | 'effectiveFrom' | 'inputPerMTok' | 'outputPerMTok' | 'cachedInputPerMTok' | 'cacheWritePerMTok' | 'cacheWrite1hPerMTok'>;

const cache = sharedMemoryCache<{ entries: Entry[] }>('llm:workspace-prices', { maxEntries: 2000, ttlMs: PRICES_TTL_MS });

// One query per key at a time: an experiment's first cells finish together and would each miss the cache.
const inFlight = new Map<string, Promise<Entry[]>>();

const keyOf = (workspaceId: string, provider: string, model: string) => `${workspaceId}\n${provider}\n${model}`;

export type ResolvedPrice = {
  price: ModelPrice | null;
  source: PriceSource | null;
  /** The table marks the model as a reasoning model (its hidden tokens cannot be estimated). */
  reasoning: boolean;
};

export async function resolvePrice({ workspaceId, provider, model, at }: { workspaceId: string; provider: string; model: string; at: Date }): Promise<ResolvedPrice> {
  const own = pickWorkspaceEntry(await entriesFor(workspaceId, provider, model), at);
  if (own) {
    const reasoning = priceFor(provider, model, at)?.reasoning === true;
    return { price: toModelPrice(own), source: { kind: 'workspace', priceId: own.id, effectiveFrom: own.effectiveFrom.toISOString() }, reasoning };
  }
  const table = priceFor(provider, model, at);
  if (!table) return { price: null, source: null, reasoning: false };
  const entry = { model: table.model, effectiveFrom: table.effectiveFrom, source: table.source, checkedOn: table.checkedOn };
  return { price: table, source: { kind: 'table', tableVersion: PRICE_TABLE_VERSION, entry }, reasoning: table.reasoning === true };
}

/** After any change to the workspace's prices. */
export function forgetWorkspacePrices(workspaceId: string): void {
  const prefix = `${workspaceId}\n`;
  cache.forget((_, key) => key.startsWith(prefix));
  // A lookup that started before the write may have read the old rows: later callers must not join it.
  for (const key of inFlight.keys()) if (key.startsWith(prefix)) inFlight.delete(key);
}

async function entriesFor(workspaceId: string, provider: string, model: string): Promise<Entry[]> {
  const key = keyOf(workspaceId, provider, model);
  const hit = cache.get(key);
  if (hit) return hit.entries;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const ticket = cache.ticket();
  const loading = listWorkspacePricesForModel({ workspaceId, provider, model })
    .then((rows) => {
      const entries = rows.map(({ id, provider, model, effectiveFrom, inputPerMTok, outputPerMTok, cachedInputPerMTok, cacheWritePerMTok, cacheWrite1hPerMTok }) => ({
        id,
        provider,
        model,
        effectiveFrom,
        inputPerMTok,
        outputPerMTok,
        cachedInputPerMTok,
        cacheWritePerMTok,
        cacheWrite1hPerMTok,
      }));
      cache.set(key, { entries }, ticket);
      return entries;
    })
    .finally(() => {
      if (inFlight.get(key) === loading) inFlight.delete(key);
    });
  inFlight.set(key, loading);
  return loading;
}

/** The entry with the latest effectiveFrom at or before `at`; exact instants, not days (unlike the table). */
export function pickWorkspaceEntry<E extends Pick<Entry, 'effectiveFrom'>>(entries: readonly E[], at: Date): E | null {
  let best: E | null = null;
  for (const entry of entries) {
    if (entry.effectiveFrom.getTime() > at.getTime()) continue;
    if (!best || entry.effectiveFrom.getTime() > best.effectiveFrom.getTime()) best = entry;
  }
  return best;
}

export function toModelPrice(entry: Entry): ModelPrice {
  return {
    provider: entry.provider,
    model: entry.model,
    effectiveFrom: entry.effectiveFrom.toISOString(),
    inputPerMTok: Number(entry.inputPerMTok),
    outputPerMTok: Number(entry.outputPerMTok),
    // Absent means billed at the input price, as in the table.
    ...(entry.cachedInputPerMTok !== null && { cachedInputPerMTok: Number(entry.cachedInputPerMTok) }),
    ...(entry.cacheWritePerMTok !== null && { cacheWritePerMTok: Number(entry.cacheWritePerMTok) }),
    ...(entry.cacheWrite1hPerMTok !== null && { cacheWrite1hPerMTok: Number(entry.cacheWrite1hPerMTok) }),
  };
}
