import 'server-only';
import { and, arrayContains, count, desc, eq, gte, lt, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../client';
import { webhookDeliveries, webhooks, type Webhook, type WebhookDelivery } from '../schema';

const scoped = (workspaceId: string, id: string) => and(eq(webhooks.id, id), eq(webhooks.workspaceId, workspaceId));

export async function listWebhooks({ workspaceId }: { workspaceId: string }): Promise<Webhook[]> {
  const db = await getDb();
  return db.select().from(webhooks).where(eq(webhooks.workspaceId, workspaceId)).orderBy(desc(webhooks.createdAt), desc(webhooks.id));
}

export async function countWebhooks({ workspaceId }: { workspaceId: string }): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(webhooks).where(eq(webhooks.workspaceId, workspaceId));
  return row?.n ?? 0;
}

export async function getWebhookById({ id, workspaceId }: { id: string; workspaceId: string }): Promise<Webhook | null> {
  const db = await getDb();
  const [row] = await db.select().from(webhooks).where(scoped(workspaceId, id));
  return row ?? null;
}

/** The workspace's enabled webhooks subscribed to `event`. */
export async function listSubscribedWebhooks({ workspaceId, event }: { workspaceId: string; event: string }): Promise<Webhook[]> {
  const db = await getDb();
  return db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.enabled, true), arrayContains(webhooks.events, [event])));
}

export async function insertWebhook(values: { workspaceId: string; url: string; description: string; events: string[]; encryptedSecret: string; enabled: boolean; createdBy: string | null }): Promise<Webhook> {
  const db = await getDb();
  const [row] = await db.insert(webhooks).values(values).returning();
  if (!row) throw new Error('insert returned no webhook');
  return row;
}

export async function updateWebhook({ id, workspaceId, set }: { id: string; workspaceId: string; set: Partial<Pick<Webhook, 'url' | 'description' | 'events' | 'enabled'>> }): Promise<Webhook | null> {
  const db = await getDb();
  const [row] = await db.update(webhooks).set({ ...set, updatedAt: new Date() }).where(scoped(workspaceId, id)).returning();
  return row ?? null;
}

/** Deletes the webhook and (cascade) its delivery log. */
export async function deleteWebhook({ id, workspaceId }: { id: string; workspaceId: string }): Promise<{ id: string } | null> {
  const db = await getDb();
  const [row] = await db.delete(webhooks).where(scoped(workspaceId, id)).returning({ id: webhooks.id });
  return row ?? null;
}

export type NewDelivery = { webhookId: string; workspaceId: string; eventId: string; event: string; payload: Record<string, unknown> };

export async function insertDeliveries(rows: NewDelivery[]): Promise<WebhookDelivery[]> {
  if (rows.length === 0) return [];
  const db = await getDb();
  return db.insert(webhookDeliveries).values(rows).returning();
}

/** Newest first, after the keyset position `after` when given. */
export async function listDeliveries(args: { webhookId: string; workspaceId: string; after?: { at: Date; id: string }; limit: number }): Promise<WebhookDelivery[]> {
  const db = await getDb();
  const filters: (SQL | undefined)[] = [eq(webhookDeliveries.webhookId, args.webhookId), eq(webhookDeliveries.workspaceId, args.workspaceId)];
  if (args.after) {
    const { at, id } = args.after;
    filters.push(or(lt(webhookDeliveries.createdAt, at), and(eq(webhookDeliveries.createdAt, at), lt(webhookDeliveries.id, id))));
  }
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(...filters))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(args.limit);
}

export async function getDeliveryById({ id, webhookId, workspaceId }: { id: string; webhookId: string; workspaceId: string }): Promise<WebhookDelivery | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.workspaceId, workspaceId)));
  return row ?? null;
}

/** For the delivery job, which only has the id its signed payload named: the delivery and its webhook. */
export async function getDeliveryForJob({ id }: { id: string }): Promise<{ delivery: WebhookDelivery; webhook: Webhook } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ delivery: webhookDeliveries, webhook: webhooks })
    .from(webhookDeliveries)
    .innerJoin(webhooks, and(eq(webhooks.id, webhookDeliveries.webhookId), eq(webhooks.workspaceId, webhookDeliveries.workspaceId)))
    .where(eq(webhookDeliveries.id, id));
  return row ?? null;
}

/**
 * Counts an attempt on a pending delivery: its attempt number; 'exhausted' when it already had `maxAttempts` (the row
 * is failed then, so neither the queue nor the recovery sweep sends it again); null when it is no longer pending.
 */
export async function startDeliveryAttempt({ id, maxAttempts }: { id: string; maxAttempts: number }): Promise<number | 'exhausted' | null> {
  const db = await getDb();
  const pending = and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending'));
  const [row] = await db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: new Date() })
    .where(and(pending, lt(webhookDeliveries.attempts, maxAttempts)))
    .returning({ attempts: webhookDeliveries.attempts });
  if (row) return row.attempts;
  const [failed] = await db
    .update(webhookDeliveries)
    .set({ status: 'failed', error: sql`coalesce(${webhookDeliveries.error}, ${`gave up after ${maxAttempts} attempt(s) whose outcome could not be recorded`})` })
    .where(and(pending, gte(webhookDeliveries.attempts, maxAttempts)))
    .returning({ id: webhookDeliveries.id });
  return failed ? 'exhausted' : null;
}

export async function recordDeliveryAttempt(args: {
  id: string;
  status: WebhookDelivery['status'];
  responseStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
  durationMs: number;
}): Promise<void> {
  const db = await getDb();
  await db
    .update(webhookDeliveries)
    .set({
      status: args.status,
      responseStatus: args.responseStatus,
      responseExcerpt: args.responseExcerpt,
      error: args.error,
      durationMs: args.durationMs,
      ...(args.status === 'delivered' ? { deliveredAt: new Date() } : {}),
    })
    .where(and(eq(webhookDeliveries.id, args.id), eq(webhookDeliveries.status, 'pending')));
}

/** Keeps the newest `keep` deliveries of a webhook (the log is bounded), and every pending one; how many were deleted. */
export async function pruneDeliveries({ webhookId, keep }: { webhookId: string; keep: number }): Promise<number> {
  const db = await getDb();
  const kept = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(keep);
  const deleted = await db
    .delete(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), ne(webhookDeliveries.status, 'pending'), notInArray(webhookDeliveries.id, kept)))
    .returning({ id: webhookDeliveries.id });
  return deleted.length;
}

/** Pending deliveries with no attempt (or no answer) for `olderThanMs`: their queue message was lost. */
export async function listStaleDeliveries({ olderThanMs, limit }: { olderThanMs: number; limit: number }): Promise<Pick<WebhookDelivery, 'id'>[]> {
  const db = await getDb();
  const before = new Date(Date.now() - olderThanMs);
  return db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'pending'), lt(sql`coalesce(${webhookDeliveries.lastAttemptAt}, ${webhookDeliveries.createdAt})`, before)))
    .orderBy(webhookDeliveries.createdAt)
    .limit(limit);
}
