'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { AvailableProvider, NewProviderBody, ProviderCredential, ProvidersResponse } from '@/lib/client/types';
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

export function providerLabel(providers: AvailableProvider[], id: string): string {
  return providers.find((p) => p.id === id)?.label ?? (id === LOCAL_PROVIDER.id ? LOCAL_PROVIDER.label : id);
}

export function useSaveProvider() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewProviderBody) => apiFetch<ProviderCredential>(PROVIDERS_PATH, { method: 'POST', body }),
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

/** "Test connection": the models the endpoint lists, or its error. Nothing is cached. */
export function useTestProvider() {
  return useMutation({
    mutationFn: (provider: string) => apiFetch<{ ok: true; models: string[] }>(`${PROVIDERS_PATH}/test`, { method: 'POST', body: { provider } }),
  });
}
