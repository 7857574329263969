import 'server-only';
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { EvaluatorResult } from '@/lib/evaluators/types';
import { getDb } from '../client';
import { experimentCells, experimentItems, experiments, runs, type Experiment, type Run } from '../schema';

// The engine's side of experiment cells: which to launch, scoring and recording them (stopping and retrying: experiment-stops.ts).
export { resetErroredCells, stopExperiment } from './experiment-stops';

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
