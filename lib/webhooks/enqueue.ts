import 'server-only';
import { randomUUID } from 'node:crypto';
import { insertDeliveries, pruneDeliveries } from '@/db/queries/webhooks';
import type { Webhook, WebhookDelivery } from '@/db/schema';
import { dispatch } from '@/lib/queue/dispatch';
import { webhooksJob } from '@/lib/queue/jobs';
import type { TestEvent } from './events';
import './webhook-job';

/** Deliveries kept per webhook in the log; older ones are deleted as new ones arrive. */
export const MAX_DELIVERIES_PER_WEBHOOK = 500;

/** The JSON body every delivery POSTs. */
export type EventBody = { id: string; type: TestEvent; createdAt: string; workspaceId: string; data: Record<string, unknown>; test?: true };

export function eventBody(input: { workspaceId: string; event: TestEvent; data: Record<string, unknown>; test?: boolean; eventId?: string }): EventBody {
  return {
    id: input.eventId ?? randomUUID(),
    type: input.event,
    createdAt: new Date().toISOString(),
    workspaceId: input.workspaceId,
    data: input.data,
    ...(input.test ? { test: true as const } : {}),
  };
}

/** One delivery row per webhook for the event, each handed to the queue. A failed hand-off is logged: the row stays pending. */
export async function enqueueDeliveries(hooks: Pick<Webhook, 'id' | 'workspaceId'>[], body: EventBody): Promise<WebhookDelivery[]> {
  const rows = await insertDeliveries(
    hooks.map((hook) => ({ webhookId: hook.id, workspaceId: hook.workspaceId, eventId: body.id, event: body.type, payload: body })),
  );
  await Promise.all(
    rows.map(async (row) => {
      try {
        await dispatch(webhooksJob, { deliveryId: row.id }, { deduplicationId: `webhook-delivery-${row.id}` });
      } catch (error) {
        console.error(`[webhooks] could not queue delivery ${row.id} (${row.event})`, error);
      }
      await pruneDeliveries({ webhookId: row.webhookId, keep: MAX_DELIVERIES_PER_WEBHOOK }).catch((error: unknown) =>
        console.warn('[webhooks] pruning the delivery log failed', row.webhookId, error),
      );
    }),
  );
  return rows;
}
