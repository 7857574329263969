import { getProviderCredentialById } from '@/db/queries/provider-credentials';
import { notFound } from '@/lib/api/errors';
import { isUuid } from '@/lib/ids';
import { readJson } from '@/lib/api/read-json';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { CUSTOM_PROVIDER_ID, getCatalogEntry } from '@/lib/providers/catalog';
import { isUniqueViolation } from '@/db/queries/errors';
import {
  assertCredentialFits,
  deleteCredential,
  labelTaken,
  providerCredentialPatchSchema,
  sealApiKey,
  updateCredential,
} from '@/lib/providers/credentials';

// PATCH /api/v1/providers/{id} – relabel, replace or remove the key or base URL (the provider itself is fixed)
export const PATCH = withWorkspace<{ id: string }>(
  async ({ req, params, workspace }) => {
    const patch = await readJson(req, providerCredentialPatchSchema);
    const existing = isUuid(params.id) ? await getProviderCredentialById({ id: params.id, workspaceId: workspace.id }) : null;
    if (!existing) throw notFound('Model provider');
    const entry = getCatalogEntry(existing.provider) ?? getCatalogEntry(CUSTOM_PROVIDER_ID)!;
    // The key is checked for presence only: an unchanged key stays sealed.
    const keyAfter = patch.apiKey === undefined ? existing.encryptedKey : patch.apiKey;
    await assertCredentialFits(entry, {
      label: patch.label ?? existing.label,
      apiKey: keyAfter,
      baseUrl: patch.baseUrl === undefined ? existing.baseUrl : patch.baseUrl,
    });
    const updated = await updateCredential({
      id: existing.id,
      workspaceId: workspace.id,
      patch: {
        ...(patch.label !== undefined && { label: patch.label }),
        ...(patch.baseUrl !== undefined && { baseUrl: patch.baseUrl }),
        ...(patch.apiKey !== undefined && sealApiKey(patch.apiKey)),
      },
    }).catch((error: unknown) => {
      throw isUniqueViolation(error) && patch.label ? labelTaken(patch.label) : error;
    });
    if (!updated) throw notFound('Model provider');
    return ok(updated);
  },
  { minRole: 'admin' },
);

// DELETE /api/v1/providers/{id} – runs naming this label stop resolving (or fall back to the instance settings)
export const DELETE = withWorkspace<{ id: string }>(
  async ({ params, workspace }) => {
    const deleted = isUuid(params.id) ? await deleteCredential({ id: params.id, workspaceId: workspace.id }) : null;
    if (!deleted) throw notFound('Model provider');
    return ok(deleted);
  },
  { minRole: 'admin' },
);
