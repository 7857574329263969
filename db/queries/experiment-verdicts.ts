import 'server-only';
import { and, count, eq, inArray } from 'drizzle-orm';
import { getDb } from '../client';
import { experimentCells } from '../schema';

/** Passed and failed verdicts of an experiment's succeeded cells (errored and unscored cells are not counted). */
export async function countExperimentVerdicts({ experimentId, workspaceId }: { experimentId: string; workspaceId: string }): Promise<{ pass: number; fail: number }> {
  const db = await getDb();
  const rows = await db
    .select({ result: experimentCells.result, n: count() })
    .from(experimentCells)
    .where(
      and(
        eq(experimentCells.experimentId, experimentId),
        eq(experimentCells.workspaceId, workspaceId),
        eq(experimentCells.status, 'succeeded'),
        inArray(experimentCells.result, ['pass', 'fail']),
      ),
    )
    .groupBy(experimentCells.result);
  const of = (result: string) => rows.find((row) => row.result === result)?.n ?? 0;
  return { pass: of('pass'), fail: of('fail') };
}
