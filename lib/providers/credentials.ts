import 'server-only';
import {
  deleteProviderCredential,
  saveProviderCredential,
  updateProviderCredential,
  type ProviderCredentialSummary,
} from '@/db/queries/provider-credentials';
import { ApiError, fieldError } from '../api/errors';
import { encryptSecret } from '../crypto/secret-box';
import { assertPublicUrl } from '../net/ssrf';
import { getCatalogEntry, type CatalogEntry } from './catalog';
import { forgetSavedCredentials } from './credential-cache';
import { forgetProviderModels } from './model-list-cache';

export { newProviderCredentialSchema, providerCredentialPatchSchema, testConnectionSchema } from './credentials-schemas';

/** Labels are unique in a workspace: one label, one provider. */
export const labelTaken = (label: string) =>
  new ApiError('CONFLICT', `a model provider labelled \`${label}\` already exists in this workspace: choose another label`, {
    fields: [{ path: 'label', message: 'is already used by another model provider' }],
  });

/**
 * Checks that the fields fit the provider (a key where one is required, a base URL only where one is taken)
 * and that the base URL is public. Throws a 422 naming the field in `details.fields`.
 */
export async function assertCredentialFits(
  entry: CatalogEntry,
  fields: { label?: string; apiKey?: string | null; baseUrl?: string | null },
): Promise<void> {
  const { label, apiKey, baseUrl } = fields;
  if (label !== undefined && label !== entry.id && getCatalogEntry(label)) {
    throw fieldError('label', `\`${label}\` is the name of a built-in provider; choose another label`);
  }
  if (entry.apiKey === 'required' && !apiKey) throw fieldError('apiKey', `is required for ${entry.label}`);
  if (entry.apiKey === 'none' && apiKey) throw fieldError('apiKey', `${entry.label} takes no key`);
  if (entry.baseUrl === 'required' && !baseUrl) throw fieldError('baseUrl', `is required for ${entry.label}`);
  if (entry.baseUrl === 'none' && baseUrl) {
    throw fieldError('baseUrl', `${entry.label} uses its own endpoint; choose “Custom OpenAI-compatible” for another URL`);
  }
  if (baseUrl) await assertPublicUrl(baseUrl);
}

/** Encrypts a key for storage, keeping the last four characters to recognise it by (none for short keys). */
export function sealApiKey(apiKey: string | null | undefined): { encryptedKey: string | null; keyLast4: string | null } {
  if (!apiKey) return { encryptedKey: null, keyLast4: null };
  return { encryptedKey: encryptSecret(apiKey), keyLast4: apiKey.length >= 12 ? apiKey.slice(-4) : '' };
}

// Every write to a workspace's credentials goes through these, so the next run resolves what was saved.

/** Saves a credential (see saveProviderCredential); null when another provider already uses the label. */
export async function saveCredential(input: Parameters<typeof saveProviderCredential>[0]): Promise<ProviderCredentialSummary | null> {
  return changing(input.workspaceId, () => saveProviderCredential(input));
}

export async function updateCredential(input: Parameters<typeof updateProviderCredential>[0]): Promise<ProviderCredentialSummary | null> {
  return changing(input.workspaceId, () => updateProviderCredential(input));
}

export async function deleteCredential(input: { id: string; workspaceId: string }): Promise<ProviderCredentialSummary | null> {
  return changing(input.workspaceId, () => deleteProviderCredential(input));
}

async function changing<T>(workspaceId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    // A failed write may still have committed.
    forgetSavedCredentials(workspaceId);
    forgetProviderModels(workspaceId);
  }
}
