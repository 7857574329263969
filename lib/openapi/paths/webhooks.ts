import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { createWebhookSchema, listDeliveriesQuerySchema, testWebhookSchema, updateWebhookSchema } from '@/lib/webhooks/schemas';
import { createdWebhookSchema, deliveryPageSchema, deliveryViewSchema, webhookViewSchema } from '@/lib/webhooks/view-schemas';
import { errorResponses, idParam, json, okResponse } from '../common';

const tags = ['Webhooks'];
const webhookPath = idParam();
const deliveryPath = z.object({ id: z.string().meta({ description: 'The webhook id' }), deliveryId: z.string().meta({ description: 'The delivery id' }) });
const deliveryHelp =
  'Each delivery POSTs `{ id, type, createdAt, workspaceId, data }` with the headers `PromptLab-Event`, `PromptLab-Delivery` and ' +
  '`PromptLab-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the secret>`. A 2xx answer is delivered; ' +
  'anything else is retried with backoff, then failed.';

export const webhooksPaths: ZodOpenApiPathsObject = {
  '/api/v1/webhooks': {
    get: {
      operationId: 'listWebhooks',
      tags,
      summary: "The workspace's webhooks",
      description: 'Newest first; secrets are never shown again after creation.',
      responses: { '200': okResponse('The webhooks', z.object({ items: z.array(webhookViewSchema) })), ...errorResponses() },
    },
    post: {
      operationId: 'createWebhook',
      tags,
      summary: 'Create a webhook',
      description: `Admins only. The answer carries the signing secret, the only time it is shown. ${deliveryHelp}`,
      requestBody: { required: true, ...json(createWebhookSchema) },
      responses: {
        '201': okResponse('The webhook, with its secret', createdWebhookSchema),
        ...errorResponses('BAD_REQUEST', 'FORBIDDEN', 'CONFLICT', 'INVALID_INPUT', 'PAYLOAD_TOO_LARGE'),
      },
    },
  },
  '/api/v1/webhooks/{id}': {
    get: {
      operationId: 'getWebhook',
      tags,
      summary: 'One webhook',
      requestParams: { path: webhookPath },
      responses: { '200': okResponse('The webhook', webhookViewSchema), ...errorResponses('NOT_FOUND') },
    },
    patch: {
      operationId: 'updateWebhook',
      tags,
      summary: 'Change a webhook',
      description: 'Admins only: its URL, events, description, or whether it is enabled.',
      requestParams: { path: webhookPath },
      requestBody: { required: true, ...json(updateWebhookSchema) },
      responses: { '200': okResponse('The webhook', webhookViewSchema), ...errorResponses('BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_INPUT') },
    },
    delete: {
      operationId: 'deleteWebhook',
      tags,
      summary: 'Delete a webhook',
      description: 'Admins only. Its delivery log goes with it.',
      requestParams: { path: webhookPath },
      responses: { '200': okResponse('Deleted', z.object({ id: z.string() })), ...errorResponses('FORBIDDEN', 'NOT_FOUND') },
    },
  },
  '/api/v1/webhooks/{id}/test': {
    post: {
      operationId: 'testWebhook',
      tags,
      summary: 'Send a test event',
      description: 'Admins only. Queues a `ping` (or the chosen event with sample data, marked `test: true`) to this webhook, even when disabled; follow it in the delivery log.',
      requestParams: { path: webhookPath },
      requestBody: { required: false, ...json(testWebhookSchema) },
      responses: { '202': okResponse('The queued delivery', deliveryViewSchema), ...errorResponses('BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_INPUT') },
    },
  },
  '/api/v1/webhooks/{id}/deliveries': {
    get: {
      operationId: 'listWebhookDeliveries',
      tags,
      summary: "A webhook's delivery log",
      description: 'Newest first, cursor paged: attempts, status, the response code, duration and the start of the answer.',
      requestParams: { path: webhookPath, query: listDeliveriesQuerySchema },
      responses: { '200': okResponse('A page of deliveries', deliveryPageSchema), ...errorResponses('NOT_FOUND', 'INVALID_INPUT') },
    },
  },
  '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    post: {
      operationId: 'redeliverWebhookDelivery',
      tags,
      summary: 'Send a logged event again',
      description: 'Admins only. A new delivery with the same event id and body.',
      requestParams: { path: deliveryPath },
      responses: { '202': okResponse('The queued delivery', deliveryViewSchema), ...errorResponses('FORBIDDEN', 'NOT_FOUND') },
    },
  },
};
