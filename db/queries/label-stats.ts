import 'server-only';
import { and, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { isUuid } from '@/lib/ids';
import { getDb } from '../client';
import { experimentCells, runs } from '../schema';

export type LabelRunStatsRow = {
  versionNumber: number;
  runs: number;
  errors: number;
  /** Succeeded or failed: what an error rate divides by (queued, running and canceled runs are not outcomes). */
  finished: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  costUsd: number;
  avgCostUsd: number | null;
};

const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const succeeded = sql`${runs.status} = 'succeeded'`;

/**
 * Per version, the runs made through a label since `since`. Latency percentiles are over succeeded runs, by linear
 * interpolation (percentile_cont, the same definition as lib/stats/percentile.ts).
 */
export async function listLabelRunStats(args: { workspaceId: string; promptId: string; label: string; since: Date }): Promise<LabelRunStatsRow[]> {
  if (!isUuid(args.promptId)) return [];
  const db = await getDb();
  const rows = await db
    .select({
      versionNumber: runs.versionNumber,
      runs: sql<number>`count(*)::int`,
      errors: sql<number>`(count(*) filter (where ${runs.status} = 'failed'))::int`,
      finished: sql<number>`(count(*) filter (where ${runs.status} in ('succeeded', 'failed')))::int`,
      latencyP50Ms: sql<number | null>`percentile_cont(0.5) within group (order by ${runs.latencyMs}) filter (where ${succeeded})`,
      latencyP95Ms: sql<number | null>`percentile_cont(0.95) within group (order by ${runs.latencyMs}) filter (where ${succeeded})`,
      costUsd: sql<number>`coalesce(sum(${runs.costUsd}), 0)::float8`,
      avgCostUsd: sql<number | null>`avg(${runs.costUsd})::float8`,
    })
    .from(runs)
    .where(
      and(
        eq(runs.workspaceId, args.workspaceId),
        eq(runs.promptId, args.promptId),
        eq(runs.label, args.label),
        gte(runs.createdAt, args.since),
        isNotNull(runs.versionNumber),
      ),
    )
    .groupBy(runs.versionNumber);
  return rows.map((r) => ({
    versionNumber: Number(r.versionNumber),
    runs: Number(r.runs),
    errors: Number(r.errors),
    finished: Number(r.finished),
    latencyP50Ms: nullableNumber(r.latencyP50Ms),
    latencyP95Ms: nullableNumber(r.latencyP95Ms),
    costUsd: Number(r.costUsd),
    avgCostUsd: nullableNumber(r.avgCostUsd),
  }));
}

/** Per version, the mean score of the prompt's scored experiment cells whose run used that version. */
export async function listVersionExperimentScores(args: { workspaceId: string; promptId: string; versionNumbers: number[] }): Promise<{ versionNumber: number; mean: number; cells: number }[]> {
  if (!isUuid(args.promptId) || args.versionNumbers.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select({ versionNumber: runs.versionNumber, mean: sql<number>`avg(${experimentCells.score})::float8`, cells: sql<number>`count(*)::int` })
    .from(experimentCells)
    .innerJoin(runs, eq(runs.id, experimentCells.runId))
    .where(
      and(
        eq(experimentCells.workspaceId, args.workspaceId),
        eq(runs.workspaceId, args.workspaceId),
        eq(runs.promptId, args.promptId),
        inArray(runs.versionNumber, args.versionNumbers),
        isNotNull(experimentCells.score),
      ),
    )
    .groupBy(runs.versionNumber);
  return rows.map((r) => ({ versionNumber: Number(r.versionNumber), mean: Number(r.mean), cells: Number(r.cells) }));
}
