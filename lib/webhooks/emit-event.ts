import 'server-only';
import { listSubscribedWebhooks } from '@/db/queries/webhooks';
import { enqueueDeliveries, eventBody } from './enqueue';
import type { WebhookEvent } from './events';

export type { WebhookEvent } from './events';

/**
 * Tells the workspace's webhooks that something happened, after the change has committed. Never throws and never
 * waits on a receiver: each enabled webhook subscribed to the event gets a delivery row and a queued job.
 * `data` may be a function, called only when some webhook listens (so callers skip lookups otherwise).
 */
export async function emitWorkspaceEvent(input: {
  workspaceId: string;
  event: WebhookEvent;
  data: Record<string, unknown> | (() => Promise<Record<string, unknown>>);
}): Promise<void> {
  try {
    const hooks = await listSubscribedWebhooks({ workspaceId: input.workspaceId, event: input.event });
    if (hooks.length === 0) return;
    const data = typeof input.data === 'function' ? await input.data() : input.data;
    await enqueueDeliveries(hooks, eventBody({ workspaceId: input.workspaceId, event: input.event, data }));
  } catch (error) {
    console.error(`[webhooks] could not emit ${input.event} for workspace ${input.workspaceId}`, error);
  }
}
