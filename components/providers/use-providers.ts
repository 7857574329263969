'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, errorMessage } from '@/lib/client/api';
import { plainMessage } from '@/lib/client/field-errors';
import type { AvailableProvider, NewProviderBody, ProviderCredential, ProvidersResponse } from '@/lib/client/types';
import type { ProviderModels } from '@/lib/providers/provider-models';
import { DEFAULT_MODEL } from '@/lib/prompts/schemas';

export const PROVIDERS_PATH = '/api/v1/providers';
export const providersKey = [PROVIDERS_PATH] as const;

/** The built-in model: always there, even before (or without) the provider list. */
export const LOCAL_PROVIDER: AvailableProvider = {
  id: DEFAULT_MODEL.provider,
  label: 'Local test model',
  kind: 'local',
  source: 'builtin',
  models: [DEFAULT_MODEL.model],
  ignoredParams: [],
};

/** The built-in model reads plainly as "Local test model", first in every picker. */
export function withLocalFirst(list: AvailableProvider[]): AvailableProvider[] {
  const local = list.find((p) => p.id === LOCAL_PROVIDER.id);
  const others = list.filter((p) => p.id !== LOCAL_PROVIDER.id);
  return [{ ...LOCAL_PROVIDER, ...local, label: LOCAL_PROVIDER.label, models: local?.models.length ? local.models : LOCAL_PROVIDER.models }, ...others];
}

/** GET /api/v1/providers: what pickers may offer, the saved endpoints and the catalogue. */
export function useProviders() {
  return useQuery({
    queryKey: providersKey,
    queryFn: ({ signal }) => apiFetch<ProvidersResponse>(PROVIDERS_PATH, { signal }),
    // Keys change rarely and only through Settings, which refreshes this itself.
    staleTime: 5 * 60_000,
  });
}

/** Providers a run may use now; just the local model while loading or when the list can't be loaded. */
export function useAvailableProviders() {
  const query = useProviders();
  const providers = query.data ? withLocalFirst(query.data.available) : [LOCAL_PROVIDER];
  return { providers, known: query.isSuccess, failed: query.isError };
}

const providerModelsKey = (provider: string) => [PROVIDERS_PATH, provider, 'models'] as const;

/**
 * The models a provider's own endpoint lists (GET /api/v1/providers/{provider}/models, cached a minute on the
 * server), with the catalogue's suggestions while it loads, when it fails or when it lists nothing.
 */
export function useProviderModels(provider: string | null | undefined): {
  models: string[];
  source: 'endpoint' | 'suggestions';
  isLoading: boolean;
  error: string | null;
} {
  const { providers } = useAvailableProviders();
  const suggestions = providers.find((p) => p.id === provider)?.models ?? [];
  const query = useQuery({
    queryKey: providerModelsKey(provider ?? ''),
    queryFn: ({ signal }) => apiFetch<ProviderModels>(`${PROVIDERS_PATH}/${encodeURIComponent(provider ?? '')}/models`, { signal }),
    // The built-in model lists only itself: nothing to ask.
    enabled: Boolean(provider) && provider !== LOCAL_PROVIDER.id,
    staleTime: 60_000,
    // A failure is shown at the picker; retrying would spend the rate limit on an endpoint that is down.
    retry: false,
  });
  const live = query.data?.models ?? [];
  return {
    models: live.length > 0 ? live : suggestions,
    source: live.length > 0 ? 'endpoint' : 'suggestions',
    isLoading: query.isLoading,
    error: query.error ? plainMessage(errorMessage(query.error)) : null,
  };
}

export function providerLabel(providers: AvailableProvider[], id: string): string {
  return providers.find((p) => p.id === id)?.label ?? (id === LOCAL_PROVIDER.id ? LOCAL_PROVIDER.label : id);
}

export function useSaveProvider() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewProviderBody) => apiFetch<ProviderCredential>(PROVIDERS_PATH, { method: 'POST', body }),
    // The prefix also refreshes every model list: the endpoint behind a label may have changed.
    onSettled: () => client.invalidateQueries({ queryKey: providersKey }),
  });
}

export type ProviderPatch = { label?: string; apiKey?: string | null; baseUrl?: string | null };

/** PATCH /api/v1/providers/{id}: relabel, or replace/remove the key or base URL of a saved entry. */
export function useUpdateProvider() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ProviderPatch }) =>
      apiFetch<ProviderCredential>(`${PROVIDERS_PATH}/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSettled: () => client.invalidateQueries({ queryKey: providersKey }),
  });
}

/** Removes a saved provider; its row disappears at once and comes back if the server refuses. */
export function useDeleteProvider() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<ProviderCredential>(`${PROVIDERS_PATH}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onMutate: async (id) => {
      await client.cancelQueries({ queryKey: providersKey });
      const previous = client.getQueryData<ProvidersResponse>(providersKey);
      if (previous) client.setQueryData<ProvidersResponse>(providersKey, { ...previous, credentials: previous.credentials.filter((c) => c.id !== id) });
      return { previous };
    },
    onError: (_error, _id, context) => {
      if (context?.previous) client.setQueryData(providersKey, context.previous);
    },
    onSettled: () => client.invalidateQueries({ queryKey: providersKey }),
  });
}

export type TestProviderBody = { provider: string; apiKey?: string; baseUrl?: string };

/** "Test connection" for a saved provider (its id or label) or for unsaved values: the models it lists, or its error. */
export function useTestProvider() {
  return useMutation({
    mutationFn: (body: string | TestProviderBody) =>
      apiFetch<{ ok: true; models: string[] }>(`${PROVIDERS_PATH}/test`, { method: 'POST', body: typeof body === 'string' ? { provider: body } : body }),
  });
}
