import { z } from 'zod';
import { TEST_EVENTS, WEBHOOK_EVENTS } from './events';

export const MAX_WEBHOOKS_PER_WORKSPACE = 20;
export const MAX_WEBHOOK_URL_CHARS = 2_000;

const url = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(MAX_WEBHOOK_URL_CHARS, `must be at most ${MAX_WEBHOOK_URL_CHARS} characters`)
  .refine((value) => {
    try {
      const parsed = new URL(value);
      return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !parsed.username && !parsed.password;
    } catch {
      return false;
    }
  }, 'must be an http or https URL without credentials, such as https://example.com/hooks/promptlab')
  .meta({ description: 'Where events are POSTed; private addresses are refused unless the instance allows them' });

const events = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1, 'pick at least one event')
  .max(WEBHOOK_EVENTS.length)
  .refine((list) => new Set(list).size === list.length, 'lists an event twice')
  .meta({ description: `Any of ${WEBHOOK_EVENTS.join(', ')}` });

const description = z.string().trim().max(500, 'must be at most 500 characters');

export const createWebhookSchema = z
  .strictObject({ url, events, description: description.optional(), enabled: z.boolean().optional() })
  .meta({ id: 'CreateWebhookBody' });
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .strictObject({ url: url.optional(), events: events.optional(), description: description.optional(), enabled: z.boolean().optional() })
  .refine((input) => Object.values(input).some((v) => v !== undefined), 'send at least one of url, events, description, enabled')
  .meta({ id: 'UpdateWebhookBody' });
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const testWebhookSchema = z
  .strictObject({ event: z.enum(TEST_EVENTS).default('ping').meta({ description: '`ping`, or an event to send with sample data' }) })
  .meta({ id: 'TestWebhookBody' });

export const listDeliveriesQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
