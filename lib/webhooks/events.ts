/** The events a workspace webhook can subscribe to (no server-only: the settings form lists them too). */
export const WEBHOOK_EVENTS = ['version.created', 'label.moved', 'experiment.completed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What "send test event" may send: a `ping`, or any subscribable event with sample data. */
export const TEST_EVENTS = ['ping', ...WEBHOOK_EVENTS] as const;
export type TestEvent = (typeof TEST_EVENTS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
