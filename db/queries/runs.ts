import 'server-only';
import { and, desc, eq, gte, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { isUuid } from '@/lib/ids';
import { ACTIVE_RUN_STATUSES } from '@/lib/runs/statuses';
import { getDb } from '../client';
import { prompts, runs, type Run, type RunStatus, type RunUsage } from '../schema';
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
    const [run] = await db.insert(runs).values(values).returning();
    return { run: run!, created: true };
  } catch (error) {
    // A concurrent request with the same key won the insert: answer with its run.
    if (values.idempotencyKey && isUniqueViolation(error)) {
      const winner = await getRunByIdempotencyKey({ workspaceId: values.workspaceId, key: values.idempotencyKey });
      if (winner) return { run: winner, created: false };
    }
    throw error;
  }
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

export type RunFilters = {
  promptId?: string;
  versionNumber?: number;
  status?: RunStatus;
  provider?: string;
  model?: string;
  cached?: boolean;
  q?: string;
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

// ---- Execution state machine. These run on behalf of the signed callback, keyed by run id alone. ----

/**
 * Claims a run for one execution attempt with a single conditional UPDATE: a queued run that is due, or a
 * running one whose lease expired. A duplicate or concurrent delivery matches nothing and gets null.
 */
export async function claimRun({ id, leaseMs }: { id: string; leaseMs: number }): Promise<Run | null> {
  const db = await getDb();
  const [row] = await db
    .update(runs)
    .set({
      status: 'running',
      attempts: sql`${runs.attempts} + 1`,
      leaseExpiresAt: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
      startedAt: sql`coalesce(${runs.startedAt}, now())`,
      nextAttemptAt: null,
    })
    .where(
      and(
        eq(runs.id, id),
        or(
          and(eq(runs.status, 'queued'), or(isNull(runs.nextAttemptAt), lte(runs.nextAttemptAt, sql`now()`))),
          and(eq(runs.status, 'running'), lt(runs.leaseExpiresAt, sql`now()`)),
        ),
      ),
    )
    .returning();
  return row ?? null;
}

export async function getRunForExecution({ id }: { id: string }): Promise<Run | null> {
  const db = await getDb();
  const [row] = await db.select().from(runs).where(eq(runs.id, id));
  return row ?? null;
}

// `attempts` is the fencing token: only the executor holding the current claim may record an outcome.
const held = (id: string, attempt: number) => and(eq(runs.id, id), eq(runs.status, 'running'), eq(runs.attempts, attempt));

export async function completeRun(args: {
  id: string;
  attempt: number;
  output: string;
  usage: RunUsage;
  costUsd: number | null;
  latencyMs: number;
  ttftMs: number | null;
  requestId: string | null;
  outputTruncated?: boolean;
}): Promise<Run | null> {
  const db = await getDb();
  const [row] = await db
    .update(runs)
    .set({
      status: 'succeeded',
      output: args.output,
      outputTruncated: args.outputTruncated ?? false,
      usage: args.usage,
      costUsd: args.costUsd,
      latencyMs: args.latencyMs,
      ttftMs: args.ttftMs,
      requestId: args.requestId,
      errorCode: null,
      errorMessage: null,
      leaseExpiresAt: null,
      finishedAt: new Date(),
    })
    .where(held(args.id, args.attempt))
    .returning();
  return row ?? null;
}

export async function requeueRun(args: { id: string; attempt: number; errorCode: string; errorMessage: string; nextAttemptAt: Date }) {
  const db = await getDb();
  const [row] = await db
    .update(runs)
    .set({ status: 'queued', leaseExpiresAt: null, nextAttemptAt: args.nextAttemptAt, errorCode: args.errorCode, errorMessage: args.errorMessage })
    .where(held(args.id, args.attempt))
    .returning();
  return row ?? null;
}

export async function failRun(args: { id: string; attempt: number; errorCode: string; errorMessage: string; latencyMs?: number }) {
  const db = await getDb();
  const [row] = await db
    .update(runs)
    .set({
      status: 'failed',
      leaseExpiresAt: null,
      errorCode: args.errorCode,
      errorMessage: args.errorMessage,
      latencyMs: args.latencyMs ?? null,
      finishedAt: new Date(),
    })
    .where(held(args.id, args.attempt))
    .returning();
  return row ?? null;
}

/**
 * Hands a claimed run back to the queue, due at once, when its attempt could not record an outcome (a database
 * error): the next delivery claims it again (counting one more attempt) instead of waiting for the lease to end.
 */
export async function releaseRun(args: { id: string; attempt: number }): Promise<Run | null> {
  const db = await getDb();
  const [row] = await db
    .update(runs)
    .set({ status: 'queued', leaseExpiresAt: null, nextAttemptAt: null })
    .where(held(args.id, args.attempt))
    .returning();
  return row ?? null;
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

/** Runs a crash or a lost delivery left behind: queued and due for too long, or running past their lease. */
export async function listStaleRuns({ queuedFor, limit }: { queuedFor: number; limit: number }): Promise<Pick<Run, 'id' | 'status' | 'workspaceId'>[]> {
  const db = await getDb();
  return db
    .select({ id: runs.id, status: runs.status, workspaceId: runs.workspaceId })
    .from(runs)
    .where(
      or(
        and(
          eq(runs.status, 'queued'),
          lt(runs.createdAt, sql`now() - ${`${queuedFor} milliseconds`}::interval`),
          or(isNull(runs.nextAttemptAt), lt(runs.nextAttemptAt, sql`now() - ${`${queuedFor} milliseconds`}::interval`)),
        ),
        and(eq(runs.status, 'running'), lt(runs.leaseExpiresAt, sql`now()`)),
      ),
    )
    .orderBy(runs.createdAt)
    .limit(limit);
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

/**
 * Ends every lease at once. Only for the embedded database at start-up: PGlite admits one process, so a
 * run still marked running was left by a process that is gone.
 */
export async function releaseAllLeases(): Promise<number> {
  const db = await getDb();
  const rows = await db
    .update(runs)
    .set({ leaseExpiresAt: sql`now() - interval '1 second'` })
    .where(eq(runs.status, 'running'))
    .returning({ id: runs.id });
  return rows.length;
}
