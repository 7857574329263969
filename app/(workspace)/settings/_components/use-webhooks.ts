'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { TestEvent, WebhookEvent } from '@/lib/webhooks/events';
import type { CreatedWebhookView, DeliveryView, WebhookView } from '@/lib/webhooks/view-schemas';

const WEBHOOKS_PATH = '/api/v1/webhooks';
const webhooksKey = [WEBHOOKS_PATH] as const;
const webhookPath = (id: string) => `${WEBHOOKS_PATH}/${encodeURIComponent(id)}`;
export const deliveriesKey = (id: string) => [`${webhookPath(id)}/deliveries`] as const;

export type WebhookInput = { url: string; events: WebhookEvent[]; description?: string };

export function useWebhooks() {
  return useQuery({ queryKey: webhooksKey, queryFn: ({ signal }) => apiFetch<{ items: WebhookView[] }>(WEBHOOKS_PATH, { signal }).then((d) => d.items) });
}

/** The secret is in this answer only. */
export function useCreateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: WebhookInput) => apiFetch<CreatedWebhookView>(WEBHOOKS_PATH, { method: 'POST', body: input }),
    onSettled: () => client.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useUpdateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string } & Partial<WebhookInput & { enabled: boolean }>) => apiFetch<WebhookView>(webhookPath(id), { method: 'PATCH', body: patch }),
    onSettled: () => client.invalidateQueries({ queryKey: webhooksKey }),
  });
}

/** Deletes a webhook; it leaves the list at once and comes back if the server refuses. */
export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ id: string }>(webhookPath(id), { method: 'DELETE' }),
    onMutate: async (id) => {
      await client.cancelQueries({ queryKey: webhooksKey });
      const previous = client.getQueryData<WebhookView[]>(webhooksKey);
      if (previous) client.setQueryData<WebhookView[]>(webhooksKey, previous.filter((hook) => hook.id !== id));
      return { previous };
    },
    onError: (_error, _id, context) => {
      if (context?.previous) client.setQueryData(webhooksKey, context.previous);
    },
    onSettled: () => client.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useSendTestEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, event }: { id: string; event: TestEvent }) => apiFetch<DeliveryView>(`${webhookPath(id)}/test`, { method: 'POST', body: { event } }),
    onSettled: (_data, _error, { id }) => client.invalidateQueries({ queryKey: deliveriesKey(id) }),
  });
}

export function useRedeliver() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, deliveryId }: { id: string; deliveryId: string }) =>
      apiFetch<DeliveryView>(`${webhookPath(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { method: 'POST' }),
    onSettled: (_data, _error, { id }) => client.invalidateQueries({ queryKey: deliveriesKey(id) }),
  });
}

/** The delivery log, newest first; polled while a delivery is still pending (retries take seconds to minutes). */
export function useDeliveries(id: string) {
  return useInfiniteQuery({
    queryKey: deliveriesKey(id),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<{ items: DeliveryView[]; nextCursor: string | null }>(`${webhookPath(id)}/deliveries?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some((d) => d.status === 'pending')) ? 1_500 : false),
  });
}
