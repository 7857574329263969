import 'server-only';
import { and, desc, eq, gte, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { isUuid } from '@/lib/ids';
import { ACTIVE_RUN_STATUSES } from '@/lib/runs/statuses';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { getDb, type Database, type Transaction } from '../client';
import { preparedOnce } from '../prepared';
import { prompts, runs, type Run, type RunStatus } from '../schema';
import { isUniqueViolation } from './errors';

export type NewRun = typeof runs.$inferInsert;

/**
 * Inserts a run. With an idempotency key already used in the workspace within 24 h, returns that run
 * instead (`created: false`); an older use of the key is released first.
 */
export async function insertRun(values: NewRun): Promise<{ run: Run; created: boolean }> {
  const db = await getDb();
  if (values.idempotencyKey) {
    const existing = await getRunByIdempotencyKey({ workspaceId: values.workspaceId, key: values.idempotencyKey });
    if (existing) {
      if (Date.now() - existing.createdAt.getTime() < 24 * 3600_000) return { run: existing, created: false };
      await db.update(runs).set({ idempotencyKey: null }).where(eq(runs.id, existing.id));
    }
  }
  try {
    return { run: await insertRow(db, values), created: true };
  } catch (error) {
    // A concurrent request with the same key won the insert: answer with its run.
    if (values.idempotencyKey && isUniqueViolation(error)) {
      const winner = await getRunByIdempotencyKey({ workspaceId: values.workspaceId, key: values.idempotencyKey });
      if (winner) return { run: winner, created: false };
    }
    throw error;
  }
}

// A queued run as lib/runs/create-run.ts creates one: that insert is prepared; any other shape is built per call.
const queuedRunValues = {
  workspaceId: sql.placeholder('workspaceId'),
  promptId: sql.placeholder('promptId'),
  promptVersionId: sql.placeholder('promptVersionId'),
  versionNumber: sql.placeholder('versionNumber'),
  createdBy: sql.placeholder('createdBy'),
  apiKeyId: sql.placeholder('apiKeyId'),
  provider: sql.placeholder('provider'),
  model: sql.placeholder('model'),
  params: sql.placeholder('params'),
  variables: sql.placeholder('variables'),
  messages: sql.placeholder('messages'),
  idempotencyKey: sql.placeholder('idempotencyKey'),
  status: sql.placeholder('status'),
} satisfies PgInsertValue<typeof runs>;
const QUEUED_RUN_KEYS = Object.keys(queuedRunValues);

const insertQueuedRun = preparedOnce((db) => db.insert(runs).values(queuedRunValues).returning().prepare('insert_queued_run'));

async function insertRow(db: Database, values: NewRun): Promise<Run> {
  const keys = Object.keys(values);
  const queued = keys.length === QUEUED_RUN_KEYS.length && QUEUED_RUN_KEYS.every((key) => key in values);
  const [run] = queued
    ? await insertQueuedRun(db).execute(Object.fromEntries(QUEUED_RUN_KEYS.map((key) => [key, values[key as keyof NewRun] ?? null])))
    : await db.insert(runs).values(values).returning();
  return run!;
}

async function getRunByIdempotencyKey({ workspaceId, key }: { workspaceId: string; key: string }): Promise<Run | null> {
  const db = await getDb();
  const [row] = await db.select().from(runs).where(and(eq(runs.workspaceId, workspaceId), eq(runs.idempotencyKey, key)));
  return row ?? null;
}

export async function getRunById({ id, workspaceId }: { id: string; workspaceId: string }): Promise<Run | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db.select().from(runs).where(and(eq(runs.id, id), eq(runs.workspaceId, workspaceId)));
  return row ?? null;
}

export async function getRunWithPromptTitle({ id, workspaceId }: { id: string; workspaceId: string }): Promise<RunWithPromptTitle | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ run: runs, promptTitle: prompts.title })
    .from(runs)
    .leftJoin(prompts, eq(prompts.id, runs.promptId))
    .where(and(eq(runs.id, id), eq(runs.workspaceId, workspaceId)));
  return row ?? null;
}

export type RunWithPromptTitle = { run: Run; promptTitle: string | null };

const runProgress = preparedOnce((db) =>
  db
    .select({ id: runs.id, status: runs.status, output: runs.output })
    .from(runs)
    .where(and(eq(runs.id, sql.placeholder('id')), eq(runs.workspaceId, sql.placeholder('workspaceId'))))
    .prepare('run_progress'),
);

/** Where a run stands, for its event stream: status and output only. */
export async function getRunProgress({ id, workspaceId }: { id: string; workspaceId: string }): Promise<Pick<Run, 'id' | 'status' | 'output'> | null> {
  if (!isUuid(id)) return null;
  const [row] = await runProgress(await getDb()).execute({ id, workspaceId });
  return row ?? null;
}

export type RunFilters = {
  promptId?: string;
  versionNumber?: number;
  status?: RunStatus;
  provider?: string;
  model?: string;
  cached?: boolean;
  draft?: boolean;
  q?: string;
  /** Only this experiment's runs; without it, experiment runs are left out. */
  experimentId?: string;
  from?: Date;
  to?: Date;
};

/** Newest first, after the keyset position `after` when given, each with its prompt's title (one join). */
export async function listRuns(args: { workspaceId: string; after?: { at: Date; id: string }; limit: number } & RunFilters) {
  const db = await getDb();
  const where: (SQL | undefined)[] = [eq(runs.workspaceId, args.workspaceId)];
  if (args.promptId) where.push(isUuid(args.promptId) ? eq(runs.promptId, args.promptId) : sql`false`);
  if (args.versionNumber) where.push(eq(runs.versionNumber, args.versionNumber));
  if (args.status) where.push(eq(runs.status, args.status));
  if (args.provider) where.push(eq(runs.provider, args.provider));
  if (args.model) where.push(eq(runs.model, args.model));
  if (args.cached !== undefined) where.push(eq(runs.cached, args.cached));
  if (args.draft !== undefined) where.push(eq(runs.draft, args.draft));
  if (args.experimentId) where.push(isUuid(args.experimentId) ? eq(runs.experimentId, args.experimentId) : sql`false`);
  else where.push(isNull(runs.experimentId));
  if (args.q) where.push(ilike(runs.output, `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (args.from) where.push(gte(runs.createdAt, args.from));
  if (args.to) where.push(lte(runs.createdAt, args.to));
  if (args.after) {
    const { at, id } = args.after;
    where.push(or(lt(runs.createdAt, at), and(eq(runs.createdAt, at), lt(runs.id, id))));
  }
  return db
    .select({ run: runs, promptTitle: prompts.title })
    .from(runs)
    .leftJoin(prompts, eq(prompts.id, runs.promptId))
    .where(and(...where))
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(args.limit);
}

export async function cancelRun({ id, workspaceId }: { id: string; workspaceId: string }): Promise<Run | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db
    .update(runs)
    .set({ status: 'canceled', leaseExpiresAt: null, finishedAt: new Date(), errorCode: 'CANCELED', errorMessage: 'Canceled by a user' })
    .where(and(eq(runs.id, id), eq(runs.workspaceId, workspaceId), inArray(runs.status, [...ACTIVE_RUN_STATUSES])))
    .returning();
  return row ?? null;
}

/**
 * Links a draft run to the version saved from it, inside that save's transaction; false when the run is not an
 * unsaved draft (any more: a concurrent save linked it first).
 */
export async function linkDraftRunToVersion(
  tx: Transaction,
  args: { id: string; workspaceId: string; versionId: string; versionNumber: number },
): Promise<boolean> {
  const rows = await tx
    .update(runs)
    .set({ promptVersionId: args.versionId, versionNumber: args.versionNumber })
    .where(and(eq(runs.id, args.id), eq(runs.workspaceId, args.workspaceId), eq(runs.draft, true), isNull(runs.promptVersionId)))
    .returning({ id: runs.id });
  return rows.length > 0;
}

/** Spend so far this calendar month (UTC), for the workspace budget. */
export async function getMonthSpendUsd({ workspaceId, now = new Date() }: { workspaceId: string; now?: Date }): Promise<number> {
  const db = await getDb();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const [row] = await db
    .select({ total: sql<string | null>`sum(${runs.costUsd})` })
    .from(runs)
    .where(and(eq(runs.workspaceId, workspaceId), gte(runs.createdAt, monthStart)));
  return Number(row?.total ?? 0);
}
