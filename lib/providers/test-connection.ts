import 'server-only';
import type { z } from 'zod';
import { ApiError } from '../api/errors';
import type { Caller } from '../auth/resolve-caller';
import { createProvider } from '../llm/registry';
import { ProviderError, type ProviderConfig } from '../llm/types';
import { rateLimit, rateLimitHeaders } from '../ratelimit';
import { CUSTOM_PROVIDER_ID, getCatalogEntry } from './catalog';
import { assertCredentialFits, type testConnectionSchema } from './credentials';
import { resolveProviderConfig } from './resolve';

const TEST_TIMEOUT_MS = 10_000;

export type TestConnectionInput = z.infer<typeof testConnectionSchema>;

/**
 * "Test connection": lists the models of a configured provider, or of unsaved values (admins only). Rate limited
 * per user, since each test makes the server call out; its errors carry what createProvider lets through (a
 * status and a known error token for endpoints the workspace chose, never their response text).
 */
export async function testProviderConnection(caller: Caller, input: TestConnectionInput): Promise<{ ok: true; models: string[] }> {
  const limited = await rateLimit('providerTests', `user:${caller.user.id}`);
  if (!limited.success) {
    throw new ApiError('RATE_LIMITED', `Too many connection tests: the limit is ${limited.limit} a minute. Retry after the Retry-After seconds.`, {
      headers: rateLimitHeaders(limited),
    });
  }
  const config = await configToTest(caller.workspace, input);
  return { ok: true, models: await listEndpointModels(config, input.provider) };
}

/**
 * The models an endpoint lists, through the guarded fetch createProvider uses for endpoints a workspace chose.
 * Errors are PROVIDER_ERRORs carrying only what ProviderError lets through (a status, a known token).
 */
export async function listEndpointModels(config: ProviderConfig, provider: string): Promise<string[]> {
  try {
    return await createProvider(config).listModels({ timeoutMs: TEST_TIMEOUT_MS });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof ProviderError) throw new ApiError('PROVIDER_ERROR', error.message);
    console.error('[providers] listing models failed', error);
    throw new ApiError('PROVIDER_ERROR', `${provider}: listing its models failed unexpectedly; the server log has the details`);
  }
}

async function configToTest(workspace: Caller['workspace'], input: TestConnectionInput): Promise<ProviderConfig> {
  if (input.apiKey === undefined && input.baseUrl === undefined) {
    return resolveProviderConfig({ workspaceId: workspace.id, provider: input.provider });
  }
  // Only admins save credentials, so only they may point the server at an endpoint of their choosing.
  if (workspace.role !== 'admin' && workspace.role !== 'owner') {
    throw new ApiError('FORBIDDEN', `Testing unsaved credentials needs the admin role in the workspace; you are ${workspace.role}`);
  }
  const entry = getCatalogEntry(input.provider);
  if (!entry) {
    throw new ApiError('INVALID_INPUT', `\`provider\`: use a catalogue id such as openai or ${CUSTOM_PROVIDER_ID} with explicit values`, {
      fields: [{ path: 'provider', message: `use a catalogue id such as openai or ${CUSTOM_PROVIDER_ID} with explicit values` }],
    });
  }
  await assertCredentialFits(entry, { apiKey: input.apiKey, baseUrl: input.baseUrl });
  return { kind: entry.kind, label: entry.id, ...(input.apiKey && { apiKey: input.apiKey }), ...(input.baseUrl && { baseURL: input.baseUrl }) };
}
