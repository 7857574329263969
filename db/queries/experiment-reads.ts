import 'server-only';
import { and, arrayContains, asc, desc, eq, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { isUuid } from '@/lib/ids';
import type { CellStatus, ExperimentStatus } from '@/lib/experiments/statuses';
import { getDb } from '../client';
import { experimentCells, experimentItems, experiments, promptVersions, runs, type Experiment, type ExperimentItem } from '../schema';

// The read side of experiments (lists, pages, the summary's stats); the engine's writes live in experiments.ts.

export type ExperimentListFilters = { datasetId?: string; promptId?: string; status?: ExperimentStatus };

/** Newest first, after the keyset position `after` when given. */
export async function listExperiments(
  args: { workspaceId: string; after?: { at: Date; id: string }; limit: number } & ExperimentListFilters,
): Promise<Experiment[]> {
  const db = await getDb();
  const where: (SQL | undefined)[] = [eq(experiments.workspaceId, args.workspaceId)];
  if (args.datasetId) where.push(isUuid(args.datasetId) ? eq(experiments.datasetId, args.datasetId) : sql`false`);
  // `@>` so the GIN index on prompt_ids answers it.
  if (args.promptId) where.push(isUuid(args.promptId) ? arrayContains(experiments.promptIds, [args.promptId]) : sql`false`);
  if (args.status) where.push(eq(experiments.status, args.status));
  if (args.after) {
    const { at, id } = args.after;
    where.push(or(lt(experiments.createdAt, at), and(eq(experiments.createdAt, at), lt(experiments.id, id))));
  }
  return db
    .select()
    .from(experiments)
    .where(and(...where))
    .orderBy(desc(experiments.createdAt), desc(experiments.id))
    .limit(args.limit);
}

export async function getExperimentById({ id, workspaceId }: { id: string; workspaceId: string }): Promise<Experiment | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db.select().from(experiments).where(and(eq(experiments.id, id), eq(experiments.workspaceId, workspaceId)));
  return row ?? null;
}

/** What the progress stream compares between polls: counters and status only. */
export async function getExperimentProgressRow({ id, workspaceId }: { id: string; workspaceId: string }) {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      status: experiments.status,
      totalCells: experiments.totalCells,
      succeededCells: experiments.succeededCells,
      erroredCells: experiments.erroredCells,
      canceledCells: experiments.canceledCells,
      reusedCells: experiments.reusedCells,
      costUsd: experiments.costUsd,
      stopReason: experiments.stopReason,
      startedAt: experiments.startedAt,
      finishedAt: experiments.finishedAt,
    })
    .from(experiments)
    .where(and(eq(experiments.id, id), eq(experiments.workspaceId, workspaceId)));
  return row ?? null;
}

export type ExperimentProgressRow = NonNullable<Awaited<ReturnType<typeof getExperimentProgressRow>>>;

/**
 * The experiment's snapshot items in position order, after `after`. The caller has already checked the
 * experiment belongs to the workspace (items have no workspace column; the experiment id is the tenancy key).
 */
export async function listExperimentItems(args: {
  experimentId: string;
  after?: { position: number; itemId: string };
  limit: number;
}): Promise<ExperimentItem[]> {
  const db = await getDb();
  const where: (SQL | undefined)[] = [eq(experimentItems.experimentId, args.experimentId)];
  if (args.after) where.push(sql`(${experimentItems.position}, ${experimentItems.itemId}) > (${args.after.position}, ${args.after.itemId})`);
  return db
    .select()
    .from(experimentItems)
    .where(and(...where))
    .orderBy(asc(experimentItems.position), asc(experimentItems.itemId))
    .limit(args.limit);
}

export type CellFilters = {
  variant?: number;
  itemId?: string;
  status?: CellStatus;
  result?: 'pass' | 'fail' | 'error';
  q?: string;
};

export type CellCursor = { position: number; itemId: string; variant: number; repeat: number };

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

const runFields = {
  status: runs.status,
  output: runs.output,
  outputTruncated: runs.outputTruncated,
  usage: runs.usage,
  latencyMs: runs.latencyMs,
  costUsd: runs.costUsd,
  errorCode: runs.errorCode,
  errorMessage: runs.errorMessage,
};

/** Cells joined with their item's position and their run's output, usage and error, in grid order. */
export async function listExperimentCells(
  args: { workspaceId: string; experimentId: string; after?: CellCursor; limit: number } & CellFilters,
) {
  const db = await getDb();
  const where: (SQL | undefined)[] = [eq(experimentCells.experimentId, args.experimentId), eq(experimentCells.workspaceId, args.workspaceId)];
  if (args.variant !== undefined) where.push(eq(experimentCells.variant, args.variant));
  if (args.itemId) where.push(isUuid(args.itemId) ? eq(experimentCells.itemId, args.itemId) : sql`false`);
  if (args.status) where.push(eq(experimentCells.status, args.status));
  if (args.result === 'error') {
    // A failed call and an evaluator's error are both "error" (never "fail").
    where.push(or(eq(experimentCells.result, 'error'), eq(experimentCells.status, 'errored')));
  } else if (args.result) {
    where.push(and(eq(experimentCells.result, args.result), eq(experimentCells.status, 'succeeded')));
  }
  if (args.q) where.push(ilike(runs.output, `%${escapeLike(args.q)}%`));
  if (args.after) {
    const a = args.after;
    where.push(
      sql`(${experimentItems.position}, ${experimentCells.itemId}, ${experimentCells.variant}, ${experimentCells.repeat}) > (${a.position}, ${a.itemId}, ${a.variant}, ${a.repeat})`,
    );
  }
  const joinItems = and(eq(experimentItems.experimentId, experimentCells.experimentId), eq(experimentItems.itemId, experimentCells.itemId));
  const joinRuns = and(eq(runs.id, experimentCells.runId), eq(runs.workspaceId, args.workspaceId));
  const order = [asc(experimentItems.position), asc(experimentCells.itemId), asc(experimentCells.variant), asc(experimentCells.repeat)];
  if (args.q) {
    return db.select({ cell: experimentCells, position: experimentItems.position, run: runFields }).from(experimentCells)
      .innerJoin(experimentItems, joinItems).leftJoin(runs, joinRuns).where(and(...where)).orderBy(...order).limit(args.limit);
  }
  // Without a search the page is cut first and only its runs are read: the planner otherwise joins every run of
  // the experiment before sorting (seen on PGlite: 10,000 lookups for a page of 200).
  const page = await db.select({ cell: experimentCells, position: experimentItems.position }).from(experimentCells)
    .innerJoin(experimentItems, joinItems).where(and(...where)).orderBy(...order).limit(args.limit);
  const runIds = page.flatMap(({ cell }) => (cell.runId ? [cell.runId] : []));
  const runRows = runIds.length === 0 ? [] : await db.select({ id: runs.id, ...runFields }).from(runs)
    .where(and(inArray(runs.id, runIds), eq(runs.workspaceId, args.workspaceId)));
  const byId = new Map(runRows.map(({ id, ...run }) => [id, run]));
  return page.map((row) => ({ ...row, run: (row.cell.runId ? byId.get(row.cell.runId) : undefined) ?? null }));
}


export type CellRow = Awaited<ReturnType<typeof listExperimentCells>>[number];

/** One cell's figures for the summary and the comparison. */
export type CellStatRow = {
  itemId: string;
  variant: number;
  repeat: number;
  status: CellStatus;
  result: 'pass' | 'fail' | 'error' | null;
  score: number | null;
  latencyMs: number | null;
  costUsd: number | null;
  judgeCostUsd: number;
  reused: boolean;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
};

type CellStatTuple = [string, number, number, CellStatus, CellStatRow['result'], number | null, number | null, number | null, number, boolean, number | null, number | null, number | null];

/**
 * Every cell's statistics: no output, only the token counts out of the run's usage, and aggregated into one JSON
 * value, since row by row 10,000 cells cost the embedded database several times more than one parse.
 */
export async function listCellStats({ workspaceId, experimentId }: { workspaceId: string; experimentId: string }): Promise<CellStatRow[]> {
  const db = await getDb();
  const c = experimentCells;
  // The run's own figures when the engine left the cell's empty; a reused cell's cost stays its own (0).
  const tuple = sql`json_build_array(${c.itemId}, ${c.variant}, ${c.repeat}, ${c.status}, ${c.result}, ${c.score},
    coalesce(${c.latencyMs}, ${runs.latencyMs}),
    case when ${c.reused} then ${c.costUsd} else coalesce(${c.costUsd}, ${runs.costUsd}) end,
    ${c.judgeCostUsd}, ${c.reused},
    ${runs.usage}->'inputTokens', ${runs.usage}->'outputTokens', ${runs.usage}->'totalTokens')`;
  const [row] = await db
    .select({ cells: sql<string | null>`json_agg(${tuple})::text` })
    .from(c)
    .leftJoin(runs, and(eq(runs.id, c.runId), eq(runs.workspaceId, workspaceId)))
    .where(and(eq(c.experimentId, experimentId), eq(c.workspaceId, workspaceId)));
  const tuples: CellStatTuple[] = row?.cells ? JSON.parse(row.cells) : [];
  return tuples.map(([itemId, variant, repeat, status, result, score, latencyMs, costUsd, judgeCostUsd, reused, inputTokens, outputTokens, totalTokens]) => ({
    itemId, variant, repeat, status, result, score, latencyMs, costUsd, judgeCostUsd, reused, inputTokens, outputTokens, totalTokens,
  }));
}

/** The declared variable names of the given versions (the variants' versions), by version id. */
export async function listVersionVariableNames({ workspaceId, versionIds }: { workspaceId: string; versionIds: readonly string[] }): Promise<Map<string, string[]>> {
  const ids = [...new Set(versionIds)].filter(isUuid);
  if (ids.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ id: promptVersions.id, variables: promptVersions.variables })
    .from(promptVersions)
    .where(and(inArray(promptVersions.id, ids), eq(promptVersions.workspaceId, workspaceId)));
  return new Map(rows.map((r) => [r.id, r.variables.map((v) => v.name)]));
}
