import 'server-only';
import type { DeliveryLabelRow, DeliveryPromptRow, DeliveryVersionRow } from '@/db/queries/delivery';
import { createChangeFeed, type ChangeFeed } from '@/lib/auth/caller-change-feed';
import { sharedMemoryCache } from '@/lib/memory-cache';
import { getRedis } from '@/lib/redis';
import type { ResolvedPrompt } from './resolve-prompt';

/*
 * What a slug resolves to, per instance, so apps fetching prompts cost no query. What changes a resolution drops the
 * prompt's entry at once (forgetPromptDelivery: a label move, a new version, a slug change, a deletion), so the next
 * request on this instance reads the database. Other instances hear of it through Upstash Redis when configured and
 * drop their entries within DELIVERY_CHECK_MS; without Redis an entry lives DELIVERY_TTL_MS at most.
 */
export const DELIVERY_TTL_MS = 30_000;
export const DELIVERY_CHECK_MS = 2_000;
const MAX_PROMPTS = 2000;
export const DELIVERY_CHANGE_KEY = 'delivery:v1:prompt-changes';

/** The JSON body and ETag of one (label, version) of the prompt, built once. */
export type ServedBody = { etag: string; body: string; resolved: ResolvedPrompt };

export type DeliveryEntry = {
  workspaceId: string;
  prompt: DeliveryPromptRow;
  labels: Map<string, DeliveryLabelRow['targets']>;
  // Versions are immutable: kept as served, for as long as the entry.
  versions: Map<number, DeliveryVersionRow>;
  bodies: Map<string, ServedBody>;
};

/** By `<workspaceId>\n<slug>`. */
export const deliveryEntries = sharedMemoryCache<DeliveryEntry>('delivery:prompts', { maxEntries: MAX_PROMPTS, ttlMs: DELIVERY_TTL_MS });

export const deliveryKey = (workspaceId: string, slug: string) => `${workspaceId}\n${slug}`;

// One feed per process, like the cache it clears.
const globalForFeed = globalThis as typeof globalThis & { promptlabDeliveryChanges?: ChangeFeed | null };

export function deliveryChangeFeed(): ChangeFeed | null {
  if (globalForFeed.promptlabDeliveryChanges === undefined) {
    const redis = getRedis();
    globalForFeed.promptlabDeliveryChanges = redis
      ? createChangeFeed({ store: redis, key: DELIVERY_CHANGE_KEY, checkEveryMs: DELIVERY_CHECK_MS, onChange: () => deliveryEntries.clear() })
      : null;
  }
  return globalForFeed.promptlabDeliveryChanges;
}
