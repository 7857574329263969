import 'server-only';
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { EvaluatorResult } from '@/lib/evaluators/types';
import { getDb } from '../client';
import { experimentCells, experimentItems, experiments, runs, type Experiment, type Run } from '../schema';

// The engine's side of experiment cells: which to launch, scoring and recording them, stopping and retrying.

export type CellToLaunch = { id: string; itemId: string; variant: number; repeat: number };

const FINAL_RUN = sql`('succeeded', 'failed', 'canceled')`;

// Raw statements answer `{ rows }` on every driver here, or an array on some.
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []));

/** Pending cells without a run, in grid order (item position, variant, repeat). */
export async function listCellsToLaunch({ experimentId, limit }: { experimentId: string; limit: number }): Promise<CellToLaunch[]> {
  const db = await getDb();
  return db
    .select({ id: experimentCells.id, itemId: experimentCells.itemId, variant: experimentCells.variant, repeat: experimentCells.repeat })
    .from(experimentCells)
    .innerJoin(experimentItems, and(eq(experimentItems.experimentId, experimentCells.experimentId), eq(experimentItems.itemId, experimentCells.itemId)))
    .where(and(eq(experimentCells.experimentId, experimentId), eq(experimentCells.status, 'pending'), isNull(experimentCells.runId)))
    .orderBy(asc(experimentItems.position), asc(experimentCells.variant), asc(experimentCells.repeat))
    .limit(limit);
}

/**
 * Pending cells whose run is already final and that no executor is scoring: reused or cached (no executor ran them),
 * scored before (a rescore-only retry), or whose run finished more than `settledMs` ago (a crash before scoring).
 * A run that finished just now is left to its executor, which scores its cell inline: scoring it here too would pay
 * its judges twice.
 */
export async function listFinishableCells(args: { experimentId?: string; settledMs: number; limit: number }): Promise<{ id: string; experimentId: string }[]> {
  const db = await getDb();
  const where: SQL[] = [eq(experimentCells.status, 'pending'), sql`${runs.status} in ${FINAL_RUN}`];
  if (args.experimentId) where.push(eq(experimentCells.experimentId, args.experimentId));
  where.push(
    sql`(${experimentCells.reused} or ${runs.cached} or ${experimentCells.finishedAt} is not null
      or coalesce(${runs.finishedAt}, ${runs.createdAt}) < now() - ${`${args.settledMs} milliseconds`}::interval)`,
  );
  return db
    .select({ id: experimentCells.id, experimentId: experimentCells.experimentId })
    .from(experimentCells)
    .innerJoin(runs, eq(runs.id, experimentCells.runId))
    .where(and(...where))
    .limit(args.limit);
}

export type CellForScoring = {
  id: string;
  experimentId: string;
  workspaceId: string;
  itemId: string;
  reused: boolean;
  run: Pick<Run, 'id' | 'status' | 'output' | 'usage' | 'costUsd' | 'latencyMs' | 'toolCalls' | 'provider' | 'model' | 'finishedAt'> | null;
  item: { input: Record<string, unknown>; expected: unknown; metadata: Record<string, unknown> } | null;
};

/**
 * Pending cells of one experiment with their run and snapshot item: by cell id, or by run id (the executor's). Three
 * key lookups rather than joins: without statistics (PGlite never analyzes) the planner would hash-join whole tables.
 */
export async function loadCellsForScoring(args: { experimentId: string } & ({ cellIds: string[] } | { runIds: string[] })): Promise<CellForScoring[]> {
  const byRun = 'runIds' in args;
  if ((byRun ? args.runIds : args.cellIds).length === 0) return [];
  const db = await getDb();
  const cellRows = await db
    .select({
      id: experimentCells.id,
      experimentId: experimentCells.experimentId,
      workspaceId: experimentCells.workspaceId,
      itemId: experimentCells.itemId,
      reused: experimentCells.reused,
      status: experimentCells.status,
      runId: experimentCells.runId,
    })
    .from(experimentCells)
    // By run, the run index only: a rerun's reused cells share the run, so the experiment is checked below.
    .where(byRun ? inArray(experimentCells.runId, args.runIds) : inArray(experimentCells.id, args.cellIds));
  const cells = cellRows.filter((cell) => cell.experimentId === args.experimentId && cell.status === 'pending');
  if (cells.length === 0) return [];
  const runIds = [...new Set(cells.flatMap((cell) => (cell.runId ? [cell.runId] : [])))];
  const [runRows, itemRows] = await Promise.all([
    runIds.length === 0
      ? []
      : db
          .select({ id: runs.id, status: runs.status, output: runs.output, usage: runs.usage, costUsd: runs.costUsd, latencyMs: runs.latencyMs, toolCalls: runs.toolCalls, provider: runs.provider, model: runs.model, finishedAt: runs.finishedAt })
          .from(runs)
          .where(inArray(runs.id, runIds)),
    db
      .select({ itemId: experimentItems.itemId, input: experimentItems.input, expected: experimentItems.expected, metadata: experimentItems.metadata })
      .from(experimentItems)
      .where(and(eq(experimentItems.experimentId, args.experimentId), inArray(experimentItems.itemId, [...new Set(cells.map((cell) => cell.itemId))]))),
  ]);
  const runById = new Map(runRows.map((run) => [run.id, run]));
  const itemById = new Map(itemRows.map((item) => [item.itemId, item]));
  return cells.map((cell) => {
    const item = itemById.get(cell.itemId);
    return {
      id: cell.id,
      experimentId: cell.experimentId,
      workspaceId: cell.workspaceId,
      itemId: cell.itemId,
      reused: cell.reused,
      run: (cell.runId && runById.get(cell.runId)) || null,
      item: item ? { input: item.input, expected: item.expected ?? null, metadata: item.metadata ?? {} } : null,
    };
  });
}

export type CellOutcome = {
  id: string;
  status: 'succeeded' | 'errored' | 'canceled';
  results: EvaluatorResult[] | null;
  result: 'pass' | 'fail' | 'error' | null;
  score: number | null;
  costUsd: number | null;
  judgeCostUsd: number;
  latencyMs: number | null;
};

/** Moves the counters by what changed and completes the experiment when every cell is final (same statement). */
function countersUpdate(experimentId: string, moved: { succeeded: number; errored: number; canceled: number; costUsd: number }) {
  const done = sql`${experiments.succeededCells} + ${experiments.erroredCells} + ${experiments.canceledCells} + ${moved.succeeded + moved.errored + moved.canceled}::int >= ${experiments.totalCells}`;
  return {
    set: {
      succeededCells: sql`${experiments.succeededCells} + ${moved.succeeded}::int`,
      erroredCells: sql`${experiments.erroredCells} + ${moved.errored}::int`,
      canceledCells: sql`${experiments.canceledCells} + ${moved.canceled}::int`,
      costUsd: sql`${experiments.costUsd} + ${moved.costUsd}::numeric`,
      status: sql`case when ${done} then (case when ${experiments.stopReason} = 'canceled' then 'canceled' else 'completed' end)::experiment_status else ${experiments.status} end`,
      finishedAt: sql`case when ${done} then coalesce(${experiments.finishedAt}, now()) else ${experiments.finishedAt} end`,
    },
    where: eq(experiments.id, experimentId),
  };
}

/**
 * Records scored cells and moves the experiment's counters in ONE statement (atomic without a transaction's round
 * trips). Only pending cells change, so a second call for the same cell (a redelivery, recovery) changes nothing.
 * Returns the experiment's status after it, or null when no cell changed.
 */
export async function recordCellOutcomes({ experimentId, outcomes }: { experimentId: string; outcomes: CellOutcome[] }): Promise<Pick<Experiment, 'id' | 'status'> | null> {
  if (outcomes.length === 0) return null;
  const db = await getDb();
  const values = sql.join(
    outcomes.map(
      (o) =>
        sql`(${o.id}::uuid, ${o.status}::cell_status, ${o.results ? JSON.stringify(o.results) : null}::jsonb, ${o.result}::text, ${o.score}::numeric, ${o.costUsd}::numeric, ${o.judgeCostUsd}::numeric, ${o.latencyMs}::integer)`,
    ),
    sql`, `,
  );
  const [row] = rowsOf<{ id: string; status: Experiment['status'] }>(
    await db.execute(sql`
      with v (id, status, results, result, score, cost, judge, latency) as (values ${values}),
      -- Cells locked in id order first, as stopExperiment and attachRuns do: PostgreSQL cannot deadlock on them.
      locked as materialized (
        select c.id from experiment_cells c where c.id in (select id from v) and c.experiment_id::text = ${experimentId} and c.status::text = 'pending'
        order by c.id for update
      ),
      updated as (
        update experiment_cells c set status = v.status, results = v.results, result = v.result, score = v.score, cost_usd = v.cost,
          judge_cost_usd = v.judge, latency_ms = v.latency, finished_at = now()
        -- Text comparisons keep the planner on the primary key: without statistics it would rather walk every cell
        -- of the experiment through the (experiment, variant, status) index for each batch.
        from v where c.id = v.id and c.id in (select id from locked) and c.experiment_id::text = ${experimentId} and c.status::text = 'pending'
        returning c.status, c.cost_usd, c.judge_cost_usd
      ),
      moved as (
        select count(*)::int as n,
          (count(*) filter (where status = 'succeeded'))::int as succeeded,
          (count(*) filter (where status = 'errored'))::int as errored,
          (count(*) filter (where status = 'canceled'))::int as canceled,
          coalesce(sum(coalesce(cost_usd, 0) + judge_cost_usd), 0) as cost
        from updated
      )
      update experiments x set
        succeeded_cells = x.succeeded_cells + m.succeeded, errored_cells = x.errored_cells + m.errored,
        canceled_cells = x.canceled_cells + m.canceled, cost_usd = x.cost_usd + m.cost,
        status = case when x.succeeded_cells + x.errored_cells + x.canceled_cells + m.n >= x.total_cells
          then (case when x.stop_reason = 'canceled' then 'canceled' else 'completed' end)::experiment_status else x.status end,
        finished_at = case when x.succeeded_cells + x.errored_cells + x.canceled_cells + m.n >= x.total_cells then coalesce(x.finished_at, now()) else x.finished_at end
      from moved m
      where x.id = ${experimentId}::uuid and m.n > 0
      returning x.id, x.status`),
  );
  return row ?? null;
}

/**
 * Stops an experiment: `canceled` (a user: everything still pending ends now, running calls too) or `budget` (no new
 * call: queued runs and cells without a run end; running calls finish). Returns the ids of the runs that were
 * running (to abort in this process) and the experiment, or null when it was already final.
 */
export async function stopExperiment({ experimentId, reason }: { experimentId: string; reason: 'canceled' | 'budget' }) {
  const db = await getDb();
  const [current] = await db.select({ status: experiments.status }).from(experiments).where(eq(experiments.id, experimentId));
  if (!current || (current.status !== 'queued' && current.status !== 'running')) return null;
  try {
    return await db.transaction(async (tx) => {
      // Runs, then cells (in id order, locked first), then the experiment: the order recordCellOutcomes and attachRuns
      // lock in, so they never deadlock on PostgreSQL.
      const statuses = reason === 'canceled' ? (['queued', 'running'] as const) : (['queued'] as const);
      const stoppedRuns = await tx
        .update(runs)
        .set({ status: 'canceled', leaseExpiresAt: null, finishedAt: new Date(), errorCode: 'CANCELED', errorMessage: reason === 'budget' ? "The experiment's budget was reached" : 'The experiment was canceled' })
        .where(and(eq(runs.experimentId, experimentId), inArray(runs.status, [...statuses])))
        .returning({ id: runs.id, attempts: runs.attempts, startedAt: runs.startedAt });
      await tx.execute(sql`select c.id from experiment_cells c where c.experiment_id = ${experimentId}::uuid and c.status = 'pending' order by c.id for update`);
      const cells = rowsOf<{ id: string }>(await tx.execute(sql`
        update experiment_cells c set status = 'canceled', finished_at = now()
        where c.experiment_id = ${experimentId}::uuid and c.status = 'pending'
          and (${reason === 'canceled'} or c.run_id is null or exists (select 1 from runs r where r.id = c.run_id and r.status = 'canceled'))
        returning c.id`));
      const counters = countersUpdate(experimentId, { succeeded: 0, errored: 0, canceled: cells.length, costUsd: 0 });
      const [experiment] = await tx
        .update(experiments)
        .set({
          ...counters.set,
          // A cancel wins over an earlier budget stop: the experiment ends canceled, and says so.
          stopReason: reason === 'canceled' ? 'canceled' : sql`coalesce(${experiments.stopReason}, ${reason})`,
          ...(reason === 'canceled' ? { status: 'canceled' as const, finishedAt: sql`coalesce(${experiments.finishedAt}, now())` } : {}),
        })
        .where(and(counters.where, inArray(experiments.status, ['queued', 'running'])))
        .returning();
      // Finished meanwhile: undo (there was nothing left to stop).
      if (!experiment) throw new AlreadyFinished();
      // A run that was executing had been claimed (started, an attempt counted); abort those in this process.
      const runningRunIds = stoppedRuns.filter((run) => run.startedAt !== null && run.attempts > 0).map((run) => run.id);
      return { experiment, runningRunIds, canceledCells: cells.length };
    });
  } catch (error) {
    if (error instanceof AlreadyFinished) return null;
    throw error;
  }
}

class AlreadyFinished extends Error {}

/**
 * Errored cells back to pending: a failed call loses its run (the launch makes a new one; the old run stays in the
 * history), an evaluator error keeps its run and is only scored again. Returns how many, and the experiment.
 */
export async function resetErroredCells({ experimentId }: { experimentId: string }): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Locked in id order first (as everywhere cells are updated in bulk), so concurrent writers never deadlock.
    const reset = rowsOf<{ id: string; rescore_cost: string | null }>(await tx.execute(sql`
      with old as (
        select c.id, c.cost_usd from experiment_cells c
        where c.experiment_id = ${experimentId}::uuid and c.status = 'errored' order by c.id for update
      )
      update experiment_cells c set status = 'pending', results = null, result = null, score = null, cost_usd = null, latency_ms = null,
        judge_cost_usd = 0,
        run_id = case when exists (select 1 from runs r where r.id = c.run_id and r.status = 'succeeded') then c.run_id else null end,
        -- A kept run's cell keeps its finished_at: it marks a cell scored before, which the launch may score at once
        -- (no executor is scoring it), however recently its run finished.
        finished_at = case when exists (select 1 from runs r where r.id = c.run_id and r.status = 'succeeded') then c.finished_at end
      from old where c.id = old.id
      -- A kept run is scored again and its call cost added again: that cost leaves the total here. A dropped (failed)
      -- run's cost and every judge's cost were really spent, so they stay counted.
      returning c.id, case when c.run_id is not null then old.cost_usd end as rescore_cost`));
    const n = reset.length;
    if (n > 0) {
      const rescoreCost = reset.reduce((sum, row) => sum + Number(row.rescore_cost ?? 0), 0);
      await tx
        .update(experiments)
        .set({
          erroredCells: sql`${experiments.erroredCells} - ${n}::int`,
          costUsd: sql`greatest(0, ${experiments.costUsd} - ${rescoreCost}::numeric)`,
          status: 'running',
          finishedAt: null,
          stopReason: sql`case when ${experiments.stopReason} = 'canceled' then null else ${experiments.stopReason} end`,
        })
        .where(eq(experiments.id, experimentId));
    }
    return n;
  });
}

/** A source experiment's succeeded calls by content hash, for a rerun to reuse (run id and what it cost). */
export async function listReusableCalls({ experimentId }: { experimentId: string }): Promise<Map<string, { runId: string; costUsd: number }>> {
  const db = await getDb();
  const rows = await db
    .select({ hash: experimentCells.contentHash, runId: runs.id, costUsd: runs.costUsd })
    .from(experimentCells)
    .innerJoin(runs, eq(runs.id, experimentCells.runId))
    .where(and(eq(experimentCells.experimentId, experimentId), eq(runs.status, 'succeeded')));
  return new Map(rows.map((row) => [row.hash, { runId: row.runId, costUsd: Number(row.costUsd ?? 0) }]));
}

/**
 * Unfinished experiments created more than `olderThanMs` ago that a launch must go on with: cells without a run (a
 * lost or interrupted launch), or pending cells whose run has been final that long (a crash before their scoring).
 */
export async function listExperimentsToRelaunch({ olderThanMs, limit }: { olderThanMs: number; limit: number }): Promise<{ id: string; workspaceId: string }[]> {
  const db = await getDb();
  const age = sql`now() - ${`${olderThanMs} milliseconds`}::interval`;
  const rows = rowsOf<{ id: string; workspace_id: string }>(await db.execute(sql`
    select e.id, e.workspace_id from experiments e
    where e.status in ('queued', 'running') and e.created_at < ${age}
      and (exists (select 1 from experiment_cells c where c.experiment_id = e.id and c.status = 'pending' and c.run_id is null)
        or exists (select 1 from experiment_cells c join runs r on r.id = c.run_id
          where c.experiment_id = e.id and c.status = 'pending' and r.status in ${FINAL_RUN} and coalesce(r.finished_at, r.created_at) < ${age}))
    order by e.created_at limit ${limit}`));
  return rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id }));
}


/** Unfinished experiments, with their concurrency, for recovery to re-dispatch their runs in bulk. */
export async function listRunningExperiments({ limit }: { limit: number }): Promise<{ id: string; workspaceId: string; concurrency: number }[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: experiments.id, workspaceId: experiments.workspaceId, concurrency: sql<string | null>`${experiments.config}->>'concurrency'` })
    .from(experiments)
    .where(eq(experiments.status, 'running'))
    .limit(limit);
  return rows.map((row) => ({ id: row.id, workspaceId: row.workspaceId, concurrency: Number(row.concurrency ?? 10) }));
}
