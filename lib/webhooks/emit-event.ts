import 'server-only';

/** The events a workspace webhook can subscribe to. */
export const WEBHOOK_EVENTS = ['version.created', 'label.moved', 'experiment.completed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Tells the workspace's webhooks that something happened, after the change has committed. Never throws and never
 * waits on a receiver: each subscribed webhook gets a delivery row and a queued job (see lib/webhooks/).
 */
export async function emitWorkspaceEvent(input: { workspaceId: string; event: WebhookEvent; data: Record<string, unknown> }): Promise<void> {
  // CONTRACT (issue 9): the webhooks work replaces this body with the real fan-out.
  void input;
}
