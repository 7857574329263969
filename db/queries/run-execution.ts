import 'server-only';
import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { preparedOnce } from '../prepared';
import type { CostBreakdown } from '@/lib/llm/prices/price-types';
import { runs, type OutputCheck, type PriceSource, type Run, type RunUsage } from '../schema';
import type { ToolCall } from '@/lib/llm/types';

// The execution state machine and recovery. These run on behalf of the signed callback, keyed by run id alone.

/** What an executor needs of the run it claimed. */
export type ClaimedRun = Pick<
  Run,
  'id' | 'workspaceId' | 'promptVersionId' | 'draft' | 'provider' | 'model' | 'params' | 'variables' | 'messages' | 'attempts' | 'createdAt' | 'experimentId' | 'rateLimitedCount'
>;

const claimedColumns = {
  id: runs.id,
  workspaceId: runs.workspaceId,
  promptVersionId: runs.promptVersionId,
  draft: runs.draft,
  provider: runs.provider,
  model: runs.model,
  params: runs.params,
  variables: runs.variables,
  messages: runs.messages,
  attempts: runs.attempts,
  createdAt: runs.createdAt,
  experimentId: runs.experimentId,
  rateLimitedCount: runs.rateLimitedCount,
};

const claim = preparedOnce((db) =>
  db
    .update(runs)
    .set({
      status: 'running',
      attempts: sql`${runs.attempts} + 1`,
      leaseExpiresAt: sql`now() + ${sql.placeholder('lease')}::interval`,
      startedAt: sql`coalesce(${runs.startedAt}, now())`,
      nextAttemptAt: null,
    })
    .where(
      and(
        eq(runs.id, sql.placeholder('id')),
        or(
          and(eq(runs.status, 'queued'), or(isNull(runs.nextAttemptAt), lte(runs.nextAttemptAt, sql`now()`))),
          and(eq(runs.status, 'running'), lt(runs.leaseExpiresAt, sql`now()`)),
        ),
      ),
    )
    .returning(claimedColumns)
    .prepare('claim_run'),
);

/**
 * Claims a run for one execution attempt with a single conditional UPDATE: a queued run that is due, or a
 * running one whose lease expired. A duplicate or concurrent delivery matches nothing and gets null.
 */
export async function claimRun({ id, leaseMs }: { id: string; leaseMs: number }): Promise<ClaimedRun | null> {
  const [row] = await claim(await getDb()).execute({ id, lease: `${leaseMs} milliseconds` });
  return row ?? null;
}

export async function getRunForExecution({ id }: { id: string }): Promise<Run | null> {
  const db = await getDb();
  const [row] = await db.select().from(runs).where(eq(runs.id, id));
  return row ?? null;
}

// `attempts` is the fencing token: only the executor holding the current claim may record an outcome.
const held = (id: string, attempt: number) => and(eq(runs.id, id), eq(runs.status, 'running'), eq(runs.attempts, attempt));

const complete = preparedOnce((db) =>
  db
    .update(runs)
    .set({
      status: 'succeeded',
      // Raw placeholders, typed here: the columns' encoders would turn a null cost into the text 'null'.
      output: sql`${sql.placeholder('output')}::text`,
      outputTruncated: sql`${sql.placeholder('outputTruncated')}::boolean`,
      usage: sql`${sql.placeholder('usage')}::jsonb`,
      costUsd: sql`${sql.placeholder('costUsd')}::numeric`,
      latencyMs: sql`${sql.placeholder('latencyMs')}::integer`,
      ttftMs: sql`${sql.placeholder('ttftMs')}::integer`,
      requestId: sql`${sql.placeholder('requestId')}::text`,
      toolCalls: sql`${sql.placeholder('toolCalls')}::jsonb`,
      outputCheck: sql`${sql.placeholder('outputCheck')}::jsonb`,
      priceSource: sql`${sql.placeholder('priceSource')}::jsonb`,
      costBreakdown: sql`${sql.placeholder('costBreakdown')}::jsonb`,
      errorCode: null,
      errorMessage: null,
      leaseExpiresAt: null,
      finishedAt: sql`${sql.placeholder('finishedAt')}::timestamptz`,
    })
    .where(and(eq(runs.id, sql.placeholder('id')), eq(runs.status, 'running'), eq(runs.attempts, sql.placeholder('attempt'))))
    .returning({ id: runs.id, status: runs.status })
    .prepare('complete_run'),
);

/** Records a success if this attempt still holds the run; its id and status, or null when it no longer does. */
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
  /** Null when the model called no tool. */
  toolCalls: ToolCall[] | null;
  /** Null when the run had no response schema. */
  outputCheck: OutputCheck | null;
  /** Where costUsd's price came from; null when the price is unknown. */
  priceSource?: PriceSource | null;
  /** How costUsd was reached; null when the price is unknown. */
  costBreakdown?: CostBreakdown | null;
}): Promise<Pick<Run, 'id' | 'status'> | null> {
  const [row] = await complete(await getDb()).execute({
    ...args,
    usage: JSON.stringify(args.usage),
    // SQL NULL, not the JSON value null.
    toolCalls: args.toolCalls ? JSON.stringify(args.toolCalls) : null,
    outputCheck: args.outputCheck ? JSON.stringify(args.outputCheck) : null,
    priceSource: args.priceSource ? JSON.stringify(args.priceSource) : null,
    costBreakdown: args.costBreakdown ? JSON.stringify(args.costBreakdown) : null,
    outputTruncated: args.outputTruncated ?? false,
    finishedAt: new Date().toISOString(),
  });
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

/** Runs a crash or a lost delivery left behind: queued and due for too long, or running past their lease. */
export async function listStaleRuns({ queuedFor, limit }: { queuedFor: number; limit: number }): Promise<Pick<Run, 'id' | 'status' | 'workspaceId' | 'experimentId'>[]> {
  const db = await getDb();
  return db
    .select({ id: runs.id, status: runs.status, workspaceId: runs.workspaceId, experimentId: runs.experimentId })
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
