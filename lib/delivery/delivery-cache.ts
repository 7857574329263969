import 'server-only';
import type { DeliveryLabelRow, DeliveryPromptRow, DeliveryVersionRow } from '@/db/queries/delivery';
import { sharedMemoryCache } from '@/lib/memory-cache';
import { getRedis } from '@/lib/redis';
import { createChangeLog, upstashChangeLog, type ChangeLog } from './prompt-change-log';
import type { ResolvedPrompt } from './resolve-prompt';

/*
 * What a slug resolves to, per instance, so apps fetching prompts cost no query. What changes a resolution drops the
 * prompt's entry at once (forgetPromptDelivery: a label move, a new version, a slug change, a deletion), so the next
 * request on this instance reads the database. Other instances hear which prompt changed through Upstash Redis when
 * configured and drop its entries within DELIVERY_CHECK_MS; without Redis an entry lives DELIVERY_TTL_MS at most.
 */
export const DELIVERY_TTL_MS = 30_000;
export const DELIVERY_CHECK_MS = 2_000;
const MAX_PROMPTS = 1000;
// What one entry keeps of versions and answers (in UTF-16 code units): with MAX_PROMPTS, at most ~128 M units in all.
// A single version or answer over MAX_KEPT_ITEM_CHARS is served from the database each time instead.
export const MAX_ENTRY_CHARS = 128 * 1024;
export const MAX_KEPT_ITEM_CHARS = 64 * 1024;
export const MAX_KEPT_PER_PROMPT = 32;
export const DELIVERY_CHANGE_KEY = 'delivery:v1:prompt-changes';
export const DELIVERY_CHANGE_LOG_KEY = 'delivery:v1:prompt-change-log';
// More changes than this between two checks of an instance: it drops everything instead.
const CHANGE_LOG_MAX = 200;

/** The JSON body and ETag of one (label, version) of the prompt, built once. */
export type ServedBody = { etag: string; body: string; resolved: ResolvedPrompt };

export type DeliveryEntry = {
  workspaceId: string;
  prompt: DeliveryPromptRow;
  labels: Map<string, DeliveryLabelRow['targets']>;
  // Versions (`v:<n>`) are immutable and answers (`b:<label>\n<n>`) built once: kept as served, oldest evicted first.
  kept: Map<string, Kept>;
  keptChars: number;
};

type Kept = { chars: number } & ({ version: DeliveryVersionRow } | { served: ServedBody });

/** Keeps an item in the entry within its bounds (nothing over MAX_KEPT_ITEM_CHARS), evicting the oldest kept. */
export function keepInEntry(entry: DeliveryEntry, key: string, item: Kept): void {
  if (item.chars > MAX_KEPT_ITEM_CHARS || entry.kept.has(key)) return;
  while (entry.kept.size > 0 && (entry.keptChars + item.chars > MAX_ENTRY_CHARS || entry.kept.size >= MAX_KEPT_PER_PROMPT)) {
    const [oldest, old] = entry.kept.entries().next().value!;
    entry.kept.delete(oldest);
    entry.keptChars -= old.chars;
  }
  entry.kept.set(key, item);
  entry.keptChars += item.chars;
}

/** By `<workspaceId>\n<slug>`. */
export const deliveryEntries = sharedMemoryCache<DeliveryEntry>('delivery:prompts', { maxEntries: MAX_PROMPTS, ttlMs: DELIVERY_TTL_MS });

export const deliveryKey = (workspaceId: string, slug: string) => `${workspaceId}\n${slug}`;

// One change log per process, like the cache it prunes.
const globalForFeed = globalThis as typeof globalThis & { promptlabDeliveryChanges?: ChangeLog | null };

/** A changed prompt as the log names it. */
export const changeSubject = (workspaceId: string, promptId: string) => `${workspaceId}:${promptId}`;

export function deliveryChangeLog(): ChangeLog | null {
  if (globalForFeed.promptlabDeliveryChanges === undefined) {
    const redis = getRedis();
    globalForFeed.promptlabDeliveryChanges = redis
      ? createChangeLog({
          store: upstashChangeLog(redis, { counterKey: DELIVERY_CHANGE_KEY, logKey: DELIVERY_CHANGE_LOG_KEY, max: CHANGE_LOG_MAX }),
          label: 'cached prompt resolutions',
          checkEveryMs: DELIVERY_CHECK_MS,
          onChange: (subjects) =>
            subjects ? deliveryEntries.forget((entry) => subjects.has(changeSubject(entry.workspaceId, entry.prompt.id))) : deliveryEntries.clear(),
        })
      : null;
  }
  return globalForFeed.promptlabDeliveryChanges;
}
