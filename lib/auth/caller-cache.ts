import 'server-only';
import { sharedMemoryCache } from '../memory-cache';
import type { Caller } from './resolve-caller';

/*
 * Resolved callers, per instance, so a request costs no query to say who is calling. An entry lives CALLER_TTL_MS
 * at most; what changes a caller drops its entries here at once (a revoked key, a workspace policy). With several
 * instances (Vercel, QStash) the others learn of a change only when their entry expires: a revoked key stays
 * usable there for at most CALLER_TTL_MS.
 */
export const CALLER_TTL_MS = 60_000;
const MAX_CALLERS = 1000;

/** An API key's caller, with the key's last-use stamp as this instance last wrote or read it. */
export type ApiKeyCallerEntry = { caller: Caller; lastUsedAt: Date | null };

/** By the key's SHA-256 (never the key itself). */
export const apiKeyCallers = sharedMemoryCache<ApiKeyCallerEntry>('auth:api-key-callers', { maxEntries: MAX_CALLERS, ttlMs: CALLER_TTL_MS });

/** Signed-in users by user id (the session token itself is verified on every request). */
export const sessionCallers = sharedMemoryCache<Caller>('auth:session-callers', { maxEntries: MAX_CALLERS, ttlMs: CALLER_TTL_MS });

/** After a key is revoked: the next request with it is refused. */
export function forgetApiKeyCaller(apiKeyId: string): void {
  apiKeyCallers.forget((entry) => entry.caller.apiKeyId === apiKeyId);
}

/** After a workspace's policy (budget, allowlist) or memberships change: callers carry the workspace row. */
export function forgetWorkspaceCallers(workspaceId: string): void {
  apiKeyCallers.forget((entry) => entry.caller.workspace.id === workspaceId);
  sessionCallers.forget((caller) => caller.workspace.id === workspaceId);
}

/** Callers are shared by every request that resolves them: frozen, so no handler edits another's. */
export function frozenCaller(caller: Caller): Caller {
  Object.freeze(caller.user);
  Object.freeze(caller.workspace);
  return Object.freeze(caller);
}
