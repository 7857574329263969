import 'server-only';
import { sharedMemoryCache } from '../memory-cache';

/** Pickers reopen often; an endpoint's model list changes rarely. */
export const MODELS_TTL_MS = 60_000;

/** The models each workspace's providers listed, by workspace and provider id or label. */
export const modelLists = sharedMemoryCache<{ provider: string; models: string[] }>('providers:models', { maxEntries: 2000, ttlMs: MODELS_TTL_MS });

export const modelListKey = (workspaceId: string, provider: string) => `${workspaceId}\n${provider}`;

/** After a workspace's credentials change (lib/providers/credentials.ts): its endpoints may list other models. */
export function forgetProviderModels(workspaceId: string): void {
  const prefix = modelListKey(workspaceId, '');
  modelLists.forget((_, key) => key.startsWith(prefix));
}
