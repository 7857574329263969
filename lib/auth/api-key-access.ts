import 'server-only';
import { getApiKeyOwner, listApiKeys, revokeApiKey, type ApiKeySummary, type ApiKeyWithOwner } from '@/db/queries/api-keys';
import type { MemberRole } from '@/db/schema';
import { isUuid } from '../ids';
import { ApiError, notFound } from '../api/errors';
import { forgetApiKeyCaller } from './caller-cache';
import type { Caller } from './resolve-caller';

/** A key as GET /api/v1/api-keys lists it: who it acts as, and whether this caller may revoke it. */
export type ApiKeyListItem = ApiKeyWithOwner & { canRevoke: boolean };

const manages = (role: MemberRole) => role === 'owner' || role === 'admin';

/** Everyone may revoke their own keys; admins and owners anyone's in the workspace. */
const canRevokeApiKey = (caller: Pick<Caller, 'user' | 'workspace'>, ownerId: string) =>
  ownerId === caller.user.id || manages(caller.workspace.role);

/** Viewers see only their own keys; editors and up see the workspace's, with each key's owner. */
export async function listApiKeysFor(caller: Caller): Promise<ApiKeyListItem[]> {
  const own = caller.workspace.role === 'viewer';
  const keys = await listApiKeys({ workspaceId: caller.workspace.id, ...(own ? { userId: caller.user.id } : {}) });
  return keys.map((key) => ({ ...key, canRevoke: canRevokeApiKey(caller, key.owner.id) }));
}

/**
 * Revokes a key the caller may revoke. Another workspace's key, or (for a viewer, who cannot list them) another
 * member's, is 404; an editor revoking another member's key is 403.
 */
export async function revokeApiKeyAs(caller: Caller, id: string): Promise<ApiKeySummary> {
  const key = isUuid(id) ? await getApiKeyOwner({ id, workspaceId: caller.workspace.id }) : null;
  if (!key || (key.userId !== caller.user.id && caller.workspace.role === 'viewer')) throw notFound('API key');
  if (!canRevokeApiKey(caller, key.userId)) {
    throw new ApiError('FORBIDDEN', `Only admins and owners can revoke another member's key; you are ${caller.workspace.role}`);
  }
  const revoked = await revokeApiKey({ id, workspaceId: caller.workspace.id });
  forgetApiKeyCaller(id); // this instance refuses the key from the next request on
  if (!revoked) throw notFound('API key'); // revoked meanwhile
  return revoked;
}
