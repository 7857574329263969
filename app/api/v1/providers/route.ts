import { listProviderCredentials } from '@/db/queries/provider-credentials';
import { readJson } from '@/lib/api/read-json';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { getCatalogEntry, PROVIDER_CATALOG } from '@/lib/providers/catalog';
import { assertCredentialFits, labelTaken, newProviderCredentialSchema, saveCredential, sealApiKey } from '@/lib/providers/credentials';
import { listAvailableProviders } from '@/lib/providers/resolve';

// GET /api/v1/providers – what pickers may offer, the workspace's saved endpoints (keys as last 4 only), the catalogue
export const GET = withWorkspace(async ({ workspace }) => {
  const [available, credentials] = await Promise.all([
    listAvailableProviders(workspace.id),
    listProviderCredentials({ workspaceId: workspace.id }),
  ]);
  return ok({ available, credentials, catalog: PROVIDER_CATALOG });
});

// POST /api/v1/providers – save a key and/or endpoint; the key is stored encrypted and never returned
export const POST = withWorkspace(
  async ({ req, workspace }) => {
    const input = await readJson(req, newProviderCredentialSchema);
    const entry = getCatalogEntry(input.provider)!;
    const label = input.label ?? input.provider;
    await assertCredentialFits(entry, { label, apiKey: input.apiKey, baseUrl: input.baseUrl });
    const saved = await saveCredential({
      workspaceId: workspace.id,
      provider: input.provider,
      label,
      baseUrl: input.baseUrl ?? null,
      ...sealApiKey(input.apiKey),
    });
    if (!saved) throw labelTaken(label);
    return ok(saved, { status: 201 });
  },
  { minRole: 'admin' },
);
