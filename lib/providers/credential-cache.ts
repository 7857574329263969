import 'server-only';
import { getProviderCredentialByLabel } from '@/db/queries/provider-credentials';
import type { ProviderCredential } from '@/db/schema';
import { sharedMemoryCache } from '../memory-cache';

/*
 * A workspace's saved credential by label, as stored (the key still sealed: it is decrypted at each use and never
 * kept), or the fact that there is none, so creating and executing a run do not each query for it. Saving, editing
 * or deleting a credential drops the workspace's entries at once (lib/providers/credentials.ts); another instance
 * sees the change when its entry expires, within CREDENTIAL_TTL_MS.
 */
export const CREDENTIAL_TTL_MS = 30_000;

const saved = sharedMemoryCache<{ credential: ProviderCredential | null }>('providers:saved-credentials', { maxEntries: 1000, ttlMs: CREDENTIAL_TTL_MS });

const keyOf = (workspaceId: string, label: string) => `${workspaceId}\n${label}`;

export async function getSavedCredential({ workspaceId, label }: { workspaceId: string; label: string }): Promise<ProviderCredential | null> {
  const key = keyOf(workspaceId, label);
  const hit = saved.get(key);
  if (hit) return hit.credential;
  const ticket = saved.ticket();
  const credential = await getProviderCredentialByLabel({ workspaceId, label });
  saved.set(key, { credential }, ticket);
  return credential;
}

/** After any change to the workspace's credentials (a relabel touches two labels, so all of them go). */
export function forgetSavedCredentials(workspaceId: string): void {
  const prefix = keyOf(workspaceId, '');
  saved.forget((_, key) => key.startsWith(prefix));
}
