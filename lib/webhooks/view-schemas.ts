import { z } from 'zod';
import { DELIVERY_STATUSES, TEST_EVENTS, WEBHOOK_EVENTS } from './events';

const date = () => z.string().meta({ format: 'date-time' });

// The API's webhook objects: the routes answer these shapes, the OpenAPI document and the settings UI read them.

export const webhookViewSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    enabled: z.boolean(),
    createdAt: date(),
    updatedAt: date(),
  })
  .meta({ id: 'WebhookView' });
export type WebhookView = z.infer<typeof webhookViewSchema>;

export const createdWebhookSchema = webhookViewSchema
  .extend({ secret: z.string().meta({ description: 'The signing secret (`whsec_…`): shown only in this answer, store it now' }) })
  .meta({ id: 'CreatedWebhookView' });
export type CreatedWebhookView = z.infer<typeof createdWebhookSchema>;

export const deliveryViewSchema = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    eventId: z.string().meta({ description: 'The same for every attempt and redelivery of one event: receivers drop duplicates by it' }),
    event: z.enum(TEST_EVENTS),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    responseExcerpt: z.string().nullable().meta({ description: "The start of the receiver's answer (at most 2 KB)" }),
    error: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    payload: z.record(z.string(), z.unknown()).meta({ description: 'The JSON body POSTed to the URL' }),
    createdAt: date(),
    lastAttemptAt: date().nullable(),
    deliveredAt: date().nullable(),
  })
  .meta({ id: 'WebhookDeliveryView' });
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export const deliveryPageSchema = z.object({ items: z.array(deliveryViewSchema), nextCursor: z.string().nullable() }).meta({ id: 'WebhookDeliveryPage' });
