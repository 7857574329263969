import 'server-only';
import { z } from 'zod';
import { ApiError, notFound } from '../api/errors';
import type { Caller } from '../auth/resolve-caller';
import { rateLimit, rateLimitHeaders } from '../ratelimit';
import { CUSTOM_PROVIDER_ID, getCatalogEntry, LOCAL_PROVIDER_ID } from './catalog';
import { getSavedCredential } from './credential-cache';
import { modelListKey, modelLists as lists } from './model-list-cache';
import { resolveProviderConfig } from './resolve';
import { listEndpointModels } from './test-connection';

const MAX_MODELS = 1000;
const MAX_MODEL_ID = 200;

const providerParamSchema = z.string().trim().min(1, 'is required').max(50, 'must be at most 50 characters');

export type ProviderModels = { provider: string; models: string[] };

/**
 * The models a provider's own endpoint lists (`/v1/models`), for model pickers. Any member may ask; cached per
 * workspace and provider, and only a miss counts against the caller's limit, since each one calls out.
 * An unknown provider (or another workspace's label) is a 404; one not configured yet is the 422 runs give.
 */
export async function listProviderModels(caller: Caller, rawProvider: string): Promise<ProviderModels> {
  const provider = providerParamSchema.parse(rawProvider);
  const workspaceId = caller.workspace.id;
  if (provider === LOCAL_PROVIDER_ID) return { provider, models: [...getCatalogEntry(LOCAL_PROVIDER_ID)!.models] };
  const key = modelListKey(workspaceId, provider);
  const hit = lists.get(key);
  if (hit) return hit;
  const known = (provider !== CUSTOM_PROVIDER_ID && getCatalogEntry(provider)) || (await getSavedCredential({ workspaceId, label: provider }));
  if (!known) throw notFound('Model provider');
  const limited = await rateLimit('providerModels', `user:${caller.user.id}`);
  if (!limited.success) {
    throw new ApiError('RATE_LIMITED', `Too many model list requests: the limit is ${limited.limit} a minute. Retry after the Retry-After seconds.`, {
      headers: rateLimitHeaders(limited),
    });
  }
  const ticket = lists.ticket();
  const config = await resolveProviderConfig({ workspaceId, provider });
  const listed = await listEndpointModels(config, provider);
  const models = [...new Set(listed.filter((id) => id.length > 0 && id.length <= MAX_MODEL_ID))].sort().slice(0, MAX_MODELS);
  const result = { provider, models };
  lists.set(key, result, ticket);
  return result;
}
