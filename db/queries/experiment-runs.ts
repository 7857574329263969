import 'server-only';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '../client';
import { experimentCells, runs } from '../schema';
import type { NewRun } from './runs';

// The runs of experiment cells: created by the launch in chunks, gated by the executor, found again by recovery.
/**
 * Inserts the runs of a chunk of cells and links them, in one transaction: a crash leaves whole chunks only. Cells
 * that meanwhile got a run (a concurrent launch) or stopped being pending (a cancel) are skipped: their runs are not
 * inserted. Returns the runs that were linked.
 */
export async function attachRuns({ experimentId, rows }: { experimentId: string; rows: { cellId: string; run: NewRun & { id: string } }[] }): Promise<(NewRun & { id: string })[]> {
  if (rows.length === 0) return [];
  const db = await getDb();
  return db.transaction(async (tx) => {
    const free = await tx
      .select({ id: experimentCells.id })
      .from(experimentCells)
      .where(and(eq(experimentCells.experimentId, experimentId), inArray(experimentCells.id, rows.map((row) => row.cellId)), isNull(experimentCells.runId), eq(experimentCells.status, 'pending')))
      // In id order, as stopExperiment and recordCellOutcomes lock cells: no deadlock between them on PostgreSQL.
      .orderBy(experimentCells.id)
      .for('update');
    const ids = new Set(free.map((row) => row.id));
    const linked = rows.filter((row) => ids.has(row.cellId));
    if (linked.length === 0) return [];
    await insertRunRows(tx, linked.map((row) => row.run));
    const values = sql.join(linked.map((row) => sql`(${row.cellId}::uuid, ${row.run.id}::uuid)`), sql`, `);
    await tx.execute(sql`update experiment_cells c set run_id = v.run_id from (values ${values}) as v(cell_id, run_id) where c.id = v.cell_id`);
    return linked.map((row) => row.run);
  });
}

/**
 * Many runs in one statement with one JSON parameter (jsonb_to_recordset): drizzle's per-row placeholders for 500
 * runs of ~25 columns cost more to build than the insert. Columns left out take their defaults.
 */
async function insertRunRows(tx: Transaction, rows: (NewRun & { id: string })[]) {
  const json = rows.map((r) => ({
    id: r.id, workspace_id: r.workspaceId, prompt_id: r.promptId, prompt_version_id: r.promptVersionId ?? null, version_number: r.versionNumber ?? null,
    created_by: r.createdBy ?? null, api_key_id: r.apiKeyId ?? null, status: r.status ?? 'queued', provider: r.provider, model: r.model,
    params: r.params ?? {}, variables: r.variables ?? {}, messages: r.messages, experiment_id: r.experimentId ?? null,
    output: r.output ?? null, output_truncated: r.outputTruncated ?? false, usage: r.usage ?? null, tool_calls: r.toolCalls ?? null,
    output_check: r.outputCheck ?? null, cost_usd: r.costUsd ?? null, latency_ms: r.latencyMs ?? null, ttft_ms: r.ttftMs ?? null,
    cached: r.cached ?? false, source_run_id: r.sourceRunId ?? null, started_at: r.startedAt ?? null, finished_at: r.finishedAt ?? null,
  }));
  await tx.execute(sql`
    insert into runs (id, workspace_id, prompt_id, prompt_version_id, version_number, created_by, api_key_id, status, provider, model, params,
      variables, messages, experiment_id, output, output_truncated, usage, tool_calls, output_check, cost_usd, latency_ms, ttft_ms, cached,
      source_run_id, started_at, finished_at)
    select x.id, x.workspace_id, x.prompt_id, x.prompt_version_id, x.version_number, x.created_by, x.api_key_id, x.status, x.provider, x.model,
      x.params, x.variables, x.messages, x.experiment_id, x.output, x.output_truncated, x.usage, x.tool_calls, x.output_check, x.cost_usd,
      x.latency_ms, x.ttft_ms, x.cached, x.source_run_id, x.started_at, x.finished_at
    from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as x(id uuid, workspace_id uuid, prompt_id uuid, prompt_version_id uuid,
      version_number integer, created_by uuid, api_key_id uuid, status run_status, provider text, model text, params jsonb, variables jsonb,
      messages jsonb, experiment_id uuid, output text, output_truncated boolean, usage jsonb, tool_calls jsonb, output_check jsonb,
      cost_usd numeric, latency_ms integer, ttft_ms integer, cached boolean, source_run_id uuid, started_at timestamptz, finished_at timestamptz)`);
}

// ---- The execute gate's writes on a claimed experiment run (fenced by the claim's attempt, as in run-execution) ----

const heldRun = (id: string, attempt: number) => and(eq(runs.id, id), eq(runs.status, 'running'), eq(runs.attempts, attempt));

/** Gives the claim back without spending an attempt: the run is queued again, due at `until`. */
export async function unclaimRun(args: { id: string; attempt: number; until: Date; rateLimited: boolean; errorCode?: string; errorMessage?: string }): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(runs)
    .set({
      status: 'queued',
      attempts: sql`${runs.attempts} - 1`,
      leaseExpiresAt: null,
      nextAttemptAt: args.until,
      ...(args.rateLimited ? { rateLimitedCount: sql`${runs.rateLimitedCount} + 1`, errorCode: args.errorCode, errorMessage: args.errorMessage } : {}),
    })
    .where(heldRun(args.id, args.attempt))
    .returning({ id: runs.id });
  return rows.length > 0;
}

/** Cancels a claimed run before it calls anything (its experiment was canceled or reached its budget). */
export async function cancelClaimedRun(args: { id: string; attempt: number; message: string }): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(runs)
    .set({ status: 'canceled', leaseExpiresAt: null, finishedAt: new Date(), errorCode: 'CANCELED', errorMessage: args.message })
    .where(heldRun(args.id, args.attempt))
    .returning({ id: runs.id });
  return rows.length > 0;
}

/** An experiment's runs left behind: queued and due for longer than `queuedForMs`, or running past their lease. */
export async function listStaleExperimentRuns({ experimentId, queuedForMs, limit }: { experimentId: string; queuedForMs: number; limit: number }): Promise<string[]> {
  const db = await getDb();
  const age = sql`now() - ${`${queuedForMs} milliseconds`}::interval`;
  const rows = await db
    .select({ id: runs.id })
    .from(runs)
    .where(
      and(
        eq(runs.experimentId, experimentId),
        sql`((${runs.status} = 'queued' and ${runs.createdAt} < ${age} and (${runs.nextAttemptAt} is null or ${runs.nextAttemptAt} < ${age}))
          or (${runs.status} = 'running' and ${runs.leaseExpiresAt} < now()))`,
      ),
    )
    .limit(limit);
  return rows.map((row) => row.id);
}
