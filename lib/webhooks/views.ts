import 'server-only';
import type { Webhook, WebhookDelivery } from '@/db/schema';
import type { DeliveryView, WebhookView } from './view-schemas';

/** A webhook as the API shows it: never its secret. */
export function toWebhookView(row: Webhook): WebhookView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events as WebhookView['events'],
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDeliveryView(row: WebhookDelivery): DeliveryView {
  return {
    id: row.id,
    webhookId: row.webhookId,
    eventId: row.eventId,
    event: row.event as DeliveryView['event'],
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
    durationMs: row.durationMs,
    payload: row.payload,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}
