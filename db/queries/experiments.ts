import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { isUuid } from '@/lib/ids';
import { getDb } from '../client';
import { preparedOnce } from '../prepared';
import { datasetItems, datasets, experimentCells, experimentItems, experiments, type Dataset, type Experiment } from '../schema';

// The experiment engine's writes and reads (the read API lives in experiment-reads.ts).

export type NewExperiment = typeof experiments.$inferInsert;
export type NewExperimentItem = typeof experimentItems.$inferInsert;
export type NewExperimentCell = typeof experimentCells.$inferInsert;
export type SnapshotItem = { itemId: string; position: number; input: Record<string, unknown>; expected: unknown; metadata: Record<string, unknown> };

/**
 * The dataset and its first `limit` items, measured first: when their JSON (input, expected, metadata) is over
 * `maxBytes`, no item is loaded (`items` is empty) and `bytes` says how big it is.
 */
export async function getDatasetWithItems({ id, workspaceId, limit, maxBytes }: { id: string; workspaceId: string; limit: number; maxBytes: number }): Promise<{ dataset: Dataset; items: SnapshotItem[]; bytes: number } | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [dataset] = await db.select().from(datasets).where(and(eq(datasets.id, id), eq(datasets.workspaceId, workspaceId)));
  if (!dataset) return null;
  const [size] = await db.execute<{ bytes: string | null }>(sql`
    select coalesce(sum(b), 0) as bytes from (
      select octet_length(i.input::text) + coalesce(octet_length(i.expected::text), 0) + coalesce(octet_length(i.metadata::text), 0) as b
      from dataset_items i where i.dataset_id = ${id}::uuid and i.workspace_id = ${workspaceId}::uuid
      order by i.position, i.id limit ${limit}
    ) s`).then((result) => (Array.isArray(result) ? result : (result as unknown as { rows: { bytes: string | null }[] }).rows));
  const bytes = Number(size?.bytes ?? 0);
  if (bytes > maxBytes) return { dataset, items: [], bytes };
  const items = await db
    .select({ itemId: datasetItems.id, position: datasetItems.position, input: datasetItems.input, expected: datasetItems.expected, metadata: datasetItems.metadata })
    .from(datasetItems)
    .where(and(eq(datasetItems.datasetId, id), eq(datasetItems.workspaceId, workspaceId)))
    .orderBy(asc(datasetItems.position), asc(datasetItems.id))
    .limit(limit);
  return { dataset, items, bytes };
}

/** The items an experiment snapshotted (all, or the given ones), in position order. */
export async function listExperimentItemsForEngine({ experimentId, itemIds }: { experimentId: string; itemIds?: string[] }): Promise<SnapshotItem[]> {
  if (itemIds?.length === 0) return [];
  const db = await getDb();
  return db
    .select({ itemId: experimentItems.itemId, position: experimentItems.position, input: experimentItems.input, expected: experimentItems.expected, metadata: experimentItems.metadata })
    .from(experimentItems)
    .where(and(eq(experimentItems.experimentId, experimentId), ...(itemIds ? [inArray(experimentItems.itemId, itemIds)] : [])))
    .orderBy(asc(experimentItems.position));
}

/** The experiment, its item snapshot and its cells in one transaction: it exists whole or not at all. */
export async function insertExperiment(args: { experiment: NewExperiment; items: Omit<NewExperimentItem, 'experimentId'>[]; cells: Omit<NewExperimentCell, 'experimentId'>[] }): Promise<Experiment> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [experiment] = await tx.insert(experiments).values(args.experiment).returning();
    const experimentId = experiment!.id;
    // One JSON parameter per batch (jsonb_to_recordset) rather than 8 parameters a row: building and sending
    // 10,000 rows' placeholders costs more than the insert itself.
    for (const batch of batches(args.items, ITEM_BATCH_ROWS)) {
      const rows = batch.map((item) => ({ item_id: item.itemId, position: item.position, input: item.input, expected: item.expected ?? null, metadata: item.metadata ?? {} }));
      await tx.execute(sql`
        insert into experiment_items (experiment_id, item_id, position, input, expected, metadata)
        select ${experimentId}::uuid, x.item_id, x.position, x.input, x.expected, x.metadata
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(item_id uuid, position integer, input jsonb, expected jsonb, metadata jsonb)`);
    }
    for (const batch of batches(args.cells, CELL_BATCH_ROWS)) {
      const rows = batch.map((cell) => ({ w: cell.workspaceId, i: cell.itemId, v: cell.variant, r: cell.repeat, h: cell.contentHash, run: cell.runId ?? null, re: cell.reused ?? false }));
      await tx.execute(sql`
        insert into experiment_cells (experiment_id, workspace_id, item_id, variant, repeat, content_hash, run_id, reused)
        select ${experimentId}::uuid, x.w, x.i, x.v, x.r, x.h, x.run, x.re
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(w uuid, i uuid, v integer, r integer, h text, run uuid, re boolean)`);
    }
    return experiment!;
  });
}

const ITEM_BATCH_ROWS = 1000;
const CELL_BATCH_ROWS = 5000;

function* batches<T>(rows: T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export async function getExperimentById({ id, workspaceId }: { id: string; workspaceId: string }): Promise<Experiment | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db.select().from(experiments).where(and(eq(experiments.id, id), eq(experiments.workspaceId, workspaceId)));
  return row ?? null;
}

/** For the signed jobs, keyed by id alone (the job was created by a workspace member). */
export async function getExperimentForEngine({ id }: { id: string }): Promise<Experiment | null> {
  const db = await getDb();
  const [row] = await db.select().from(experiments).where(eq(experiments.id, id));
  return row ?? null;
}

/** queued → running (startedAt kept from the first launch); false when the experiment is already final. */
export async function markExperimentRunning({ id }: { id: string }): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(experiments)
    .set({ status: 'running', startedAt: sql`coalesce(${experiments.startedAt}, now())` })
    .where(and(eq(experiments.id, id), inArray(experiments.status, ['queued', 'running'])))
    .returning({ id: experiments.id });
  return rows.length > 0;
}

export type ExperimentGateRow = {
  status: Experiment['status'];
  stopReason: Experiment['stopReason'];
  costUsd: number;
  budgetUsd: number | null;
  pausedUntil: Date | null;
  concurrency: number;
};

const gateRow = preparedOnce((db) =>
  db
    .select({
      status: experiments.status,
      stopReason: experiments.stopReason,
      costUsd: experiments.costUsd,
      budgetUsd: sql<string | null>`${experiments.config}->>'budgetUsd'`,
      pausedUntil: experiments.pausedUntil,
      concurrency: sql<string | null>`${experiments.config}->>'concurrency'`,
    })
    .from(experiments)
    .where(eq(experiments.id, sql.placeholder('id')))
    .prepare('experiment_gate'),
);

/** What the execute gate needs: one primary-key read. */
export async function getExperimentGate({ id }: { id: string }): Promise<ExperimentGateRow | null> {
  const [row] = await gateRow(await getDb()).execute({ id });
  if (!row) return null;
  return { ...row, costUsd: Number(row.costUsd), budgetUsd: row.budgetUsd === null ? null : Number(row.budgetUsd), concurrency: Number(row.concurrency ?? 10) };
}

/** A provider answered 429: no cell calls a model before `until` (a later pause wins). */
export async function pauseExperiment({ id, until }: { id: string; until: Date }): Promise<Date> {
  const db = await getDb();
  const [row] = await db
    .update(experiments)
    .set({ pausedUntil: sql`greatest(coalesce(${experiments.pausedUntil}, now()), ${until.toISOString()}::timestamptz)` })
    .where(eq(experiments.id, id))
    .returning({ pausedUntil: experiments.pausedUntil });
  return row?.pausedUntil ?? until;
}

/** Each experiment's concurrency, for dispatching its runs in their own lane. */
export async function getExperimentLanes({ ids }: { ids: string[] }): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ id: experiments.id, concurrency: sql<string | null>`${experiments.config}->>'concurrency'` })
    .from(experiments)
    .where(inArray(experiments.id, ids));
  return new Map(rows.map((row) => [row.id, Number(row.concurrency ?? 10)]));
}
