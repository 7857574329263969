import 'server-only';
import { sharedMemoryCache } from '../memory-cache';
import { getRedis } from '../redis';
import { createChangeFeed, type ChangeFeed } from '../change-feed';
import type { Caller } from './resolve-caller';

/*
 * Resolved callers, per instance, so a request costs no query to say who is calling. An entry lives CALLER_TTL_MS
 * at most; what changes a caller drops its entries here at once (a revoked key, a workspace policy). Other
 * instances (Vercel, several servers) hear of it through Upstash Redis when configured and drop all their cached
 * callers within CHANGE_CHECK_MS; without Redis (or while it fails) a revoked key stays usable there for at most
 * CALLER_TTL_MS.
 */
export const CALLER_TTL_MS = 60_000;
export const CHANGE_CHECK_MS = 5_000;
const MAX_CALLERS = 1000;
const CHANGE_KEY = 'auth:v1:caller-changes';

/** An API key's caller, with the key's last-use stamp as this instance last wrote or read it. */
export type ApiKeyCallerEntry = { caller: Caller; lastUsedAt: Date | null };

/** By the key's SHA-256 (never the key itself). */
export const apiKeyCallers = sharedMemoryCache<ApiKeyCallerEntry>('auth:api-key-callers', { maxEntries: MAX_CALLERS, ttlMs: CALLER_TTL_MS });

/** Signed-in users by user id (the session token itself is verified on every request). */
export const sessionCallers = sharedMemoryCache<Caller>('auth:session-callers', { maxEntries: MAX_CALLERS, ttlMs: CALLER_TTL_MS });

/** After a key is revoked: the next request with it is refused. */
export function forgetApiKeyCaller(apiKeyId: string): void {
  apiKeyCallers.forget((entry) => entry.caller.apiKeyId === apiKeyId);
  changeFeed()?.publish();
}

/** After a workspace's policy (budget, allowlist) or memberships change: callers carry the workspace row. */
export function forgetWorkspaceCallers(workspaceId: string): void {
  apiKeyCallers.forget((entry) => entry.caller.workspace.id === workspaceId);
  sessionCallers.forget((caller) => caller.workspace.id === workspaceId);
  changeFeed()?.publish();
}

/** Before resolving a caller: drops every cached caller if another instance changed one (a Redis read every 5 s). */
export async function syncCallerCaches(): Promise<void> {
  await changeFeed()?.check();
}

// One feed per process, like the caches it clears.
const globalForFeed = globalThis as typeof globalThis & { promptlabCallerChanges?: ChangeFeed | null };

function changeFeed(): ChangeFeed | null {
  if (globalForFeed.promptlabCallerChanges === undefined) {
    const redis = getRedis();
    globalForFeed.promptlabCallerChanges = redis
      ? createChangeFeed({
          store: redis,
          key: CHANGE_KEY,
          label: 'cached callers',
          checkEveryMs: CHANGE_CHECK_MS,
          onChange: () => {
            apiKeyCallers.clear();
            sessionCallers.clear();
          },
        })
      : null;
  }
  return globalForFeed.promptlabCallerChanges;
}

/** Callers are shared by every request that resolves them: frozen, so no handler edits another's. */
export function frozenCaller(caller: Caller): Caller {
  Object.freeze(caller.user);
  Object.freeze(caller.workspace);
  return Object.freeze(caller);
}
