import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { experiments, runs } from '../schema';

// Stopping an experiment (a cancel, its budget) and putting its errored cells back for a retry.

// Raw statements answer `{ rows }` on every driver here, or an array on some.
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []));

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
