import 'server-only';
import { randomBytes } from 'node:crypto';
import { decodeCursor, encodeCursor } from '@/lib/api/cursor';
import { ApiError, notFound } from '@/lib/api/errors';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { isUuid } from '@/lib/ids';
import {
  countWebhooks,
  deleteWebhook,
  getDeliveryById,
  getWebhookById,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  updateWebhook,
} from '@/db/queries/webhooks';
import type { Webhook } from '@/db/schema';
import { enqueueDeliveries, eventBody } from './enqueue';
import type { TestEvent } from './events';
import { sampleEventData } from './sample-events';
import { MAX_WEBHOOKS_PER_WORKSPACE, type CreateWebhookInput, type UpdateWebhookInput } from './schemas';
import type { CreatedWebhookView, DeliveryView, WebhookView } from './view-schemas';
import { toDeliveryView, toWebhookView } from './views';
import { assertWebhookUrl } from './webhook-url';

type Scope = { workspaceId: string };

/** A new signing secret: `whsec_` and 32 random bytes. */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

async function requireWebhook({ workspaceId, id }: Scope & { id: string }): Promise<Webhook> {
  const row = isUuid(id) ? await getWebhookById({ id, workspaceId }) : null;
  if (!row) throw notFound('Webhook');
  return row;
}

export async function listWebhookViews({ workspaceId }: Scope): Promise<WebhookView[]> {
  return (await listWebhooks({ workspaceId })).map(toWebhookView);
}

export async function getWebhookView(args: Scope & { id: string }): Promise<WebhookView> {
  return toWebhookView(await requireWebhook(args));
}

/** Creates a webhook; the answer carries its secret, the only time it is shown. */
export async function createWebhook({ workspaceId, userId, input }: Scope & { userId: string | null; input: CreateWebhookInput }): Promise<CreatedWebhookView> {
  if ((await countWebhooks({ workspaceId })) >= MAX_WEBHOOKS_PER_WORKSPACE) {
    throw new ApiError('CONFLICT', `A workspace can have at most ${MAX_WEBHOOKS_PER_WORKSPACE} webhooks; delete one first`);
  }
  await assertWebhookUrl(input.url);
  const secret = generateWebhookSecret();
  const row = await insertWebhook({
    workspaceId,
    url: input.url,
    description: input.description ?? '',
    events: input.events,
    encryptedSecret: encryptSecret(secret),
    enabled: input.enabled ?? true,
    createdBy: userId,
  });
  return { ...toWebhookView(row), secret };
}

export async function changeWebhook({ workspaceId, id, input }: Scope & { id: string; input: UpdateWebhookInput }): Promise<WebhookView> {
  await requireWebhook({ workspaceId, id });
  if (input.url !== undefined) await assertWebhookUrl(input.url);
  const row = await updateWebhook({ id, workspaceId, set: input });
  if (!row) throw notFound('Webhook');
  return toWebhookView(row);
}

export async function removeWebhook(args: Scope & { id: string }): Promise<{ id: string }> {
  const deleted = isUuid(args.id) ? await deleteWebhook(args) : null;
  if (!deleted) throw notFound('Webhook');
  return deleted;
}

export async function listDeliveryViews({ workspaceId, id, cursor, limit }: Scope & { id: string; cursor?: string; limit: number }) {
  await requireWebhook({ workspaceId, id });
  const rows = await listDeliveries({ webhookId: id, workspaceId, after: cursor ? decodeCursor(cursor) : undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toDeliveryView), nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** Queues a test event (marked `test: true`) to this webhook alone, even when it is disabled or not subscribed. */
export async function sendTestEvent({ workspaceId, id, event }: Scope & { id: string; event: TestEvent }): Promise<DeliveryView> {
  const webhook = await requireWebhook({ workspaceId, id });
  const [row] = await enqueueDeliveries([webhook], eventBody({ workspaceId, event, data: sampleEventData(event, webhook.id), test: true }));
  if (!row) throw new Error('a test delivery was not created');
  return toDeliveryView(row);
}

/** Sends a logged delivery's event again, as a new delivery with the same event id and body. */
export async function redeliver({ workspaceId, id, deliveryId }: Scope & { id: string; deliveryId: string }): Promise<DeliveryView> {
  const webhook = await requireWebhook({ workspaceId, id });
  const source = isUuid(deliveryId) ? await getDeliveryById({ id: deliveryId, webhookId: webhook.id, workspaceId }) : null;
  if (!source) throw notFound('Delivery');
  const [row] = await enqueueDeliveries([webhook], source.payload as Parameters<typeof enqueueDeliveries>[1]);
  if (!row) throw new Error('a redelivery was not created');
  return toDeliveryView(row);
}
