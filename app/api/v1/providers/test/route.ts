import { ApiError } from '@/lib/api/errors';
import { readJson } from '@/lib/api/read-json';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { ProviderError, type ProviderConfig } from '@/lib/llm/types';
import { createProvider } from '@/lib/llm/registry';
import { CUSTOM_PROVIDER_ID, getCatalogEntry } from '@/lib/providers/catalog';
import { assertCredentialFits, testConnectionSchema } from '@/lib/providers/credentials';
import { resolveProviderConfig } from '@/lib/providers/resolve';

const TEST_TIMEOUT_MS = 10_000;

// POST /api/v1/providers/test – "Test connection": list the models with a configured provider or with unsaved values
export const POST = withWorkspace(async ({ req, workspace }) => {
  const input = await readJson(req, testConnectionSchema);
  const explicit = input.apiKey !== undefined || input.baseUrl !== undefined;
  let config: ProviderConfig;
  if (explicit) {
    // Only admins save credentials, so only they may point the server at an endpoint of their choosing.
    if (workspace.role !== 'admin' && workspace.role !== 'owner') {
      throw new ApiError('FORBIDDEN', `Testing unsaved credentials needs the admin role in the workspace; you are ${workspace.role}`);
    }
    const entry = getCatalogEntry(input.provider);
    if (!entry) throw new ApiError('INVALID_INPUT', `\`provider\`: use a catalogue id such as openai or ${CUSTOM_PROVIDER_ID} with explicit values`);
    await assertCredentialFits(entry, { apiKey: input.apiKey, baseUrl: input.baseUrl });
    config = { kind: entry.kind, label: entry.id, ...(input.apiKey && { apiKey: input.apiKey }), ...(input.baseUrl && { baseURL: input.baseUrl }) };
  } else {
    config = await resolveProviderConfig({ workspaceId: workspace.id, provider: input.provider });
  }

  try {
    const models = await createProvider(config).listModels({ timeoutMs: TEST_TIMEOUT_MS });
    return ok({ ok: true, models });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // A ProviderError already names the provider and says what went wrong; anything else is unexpected.
    if (!(error instanceof ProviderError)) console.error('[providers] test connection failed', error);
    const message = error instanceof ProviderError ? error.message : `${input.provider}: ${error instanceof Error ? error.message : String(error)}`;
    throw new ApiError('PROVIDER_ERROR', redact(message, config.apiKey));
  }
});

// Provider messages can echo the key back (some proxies do); never reflect it.
function redact(message: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length >= 4 ? message.split(apiKey).join('••••') : message;
}
