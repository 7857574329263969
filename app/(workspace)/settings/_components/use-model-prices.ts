'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { ModelPrice, NewModelPriceBody } from '@/lib/client/dataset-types';

const PRICES_PATH = '/api/v1/workspace/prices';
const pricesKey = [PRICES_PATH] as const;

/** The workspace's own prices per provider/model, which win over the built-in table. */
export function useModelPrices() {
  return useQuery({ queryKey: pricesKey, queryFn: ({ signal }) => apiFetch<{ items: ModelPrice[] }>(PRICES_PATH, { signal }) });
}

export function useAddModelPrice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewModelPriceBody) => apiFetch<ModelPrice>(PRICES_PATH, { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: pricesKey }),
  });
}

export function useDeleteModelPrice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ id: string }>(`${PRICES_PATH}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: ({ id }) => {
      client.setQueryData<{ items: ModelPrice[] }>(pricesKey, (prev) => prev && { items: prev.items.filter((p) => p.id !== id) });
      void client.invalidateQueries({ queryKey: pricesKey });
    },
  });
}
