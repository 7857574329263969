'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { ApiKey } from '@/lib/client/types';

const API_KEYS_PATH = '/api/v1/api-keys';
const apiKeysKey = [API_KEYS_PATH] as const;

export function useApiKeys() {
  return useQuery({ queryKey: apiKeysKey, queryFn: ({ signal }) => apiFetch<ApiKey[]>(API_KEYS_PATH, { signal }) });
}

/** The secret is in this answer only. */
export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch<ApiKey & { key: string }>(API_KEYS_PATH, { method: 'POST', body: { name } }),
    onSettled: () => client.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

/** Revokes a key; it leaves the list at once and comes back if the server refuses. */
export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<ApiKey>(`${API_KEYS_PATH}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onMutate: async (id) => {
      await client.cancelQueries({ queryKey: apiKeysKey });
      const previous = client.getQueryData<ApiKey[]>(apiKeysKey);
      if (previous) client.setQueryData<ApiKey[]>(apiKeysKey, previous.filter((key) => key.id !== id));
      return { previous };
    },
    onError: (_error, _id, context) => {
      if (context?.previous) client.setQueryData(apiKeysKey, context.previous);
    },
    onSettled: () => client.invalidateQueries({ queryKey: apiKeysKey }),
  });
}
