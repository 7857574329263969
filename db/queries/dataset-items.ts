import 'server-only';
import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Transaction } from '../client';
import { datasetItems, datasets, type Dataset, type DatasetItem } from '../schema';

export type NewItem = { input: Record<string, unknown>; expected?: unknown; metadata?: Record<string, unknown> };

/** Rows per INSERT: 1,000 rows of a few columns stay far below any driver's parameter limit. */
const BATCH = 1000;

/** Inserts items at consecutive positions from `firstPosition`, in batches; the caller owns the transaction. */
export async function insertItemRows(
  tx: Transaction,
  args: { workspaceId: string; datasetId: string; firstPosition: number; items: readonly NewItem[]; returning: boolean },
): Promise<DatasetItem[]> {
  const inserted: DatasetItem[] = [];
  for (let start = 0; start < args.items.length; start += BATCH) {
    const values = args.items.slice(start, start + BATCH).map((item, i) => ({
      datasetId: args.datasetId,
      workspaceId: args.workspaceId,
      position: args.firstPosition + start + i,
      input: item.input,
      // SQL NULL for "no expected value" (undefined or null alike).
      expected: item.expected ?? null,
      metadata: item.metadata ?? {},
    }));
    const query = tx.insert(datasetItems).values(values);
    if (args.returning) inserted.push(...(await query.returning()));
    else await query;
  }
  return inserted;
}

export type AddItemsResult = { status: 'added'; dataset: Dataset; items: DatasetItem[] } | { status: 'not_found' } | { status: 'full'; itemCount: number };

/**
 * Appends items (or replaces all of them) in ONE transaction with the dataset's itemCount, so a failure leaves
 * nothing half-added. The dataset row is locked first: concurrent appends get consecutive positions and the
 * limit holds. `full` when the result would exceed `maxItems`.
 */
export async function addDatasetItems(args: {
  workspaceId: string;
  datasetId: string;
  items: readonly NewItem[];
  replace?: boolean;
  maxItems: number;
  returning: boolean;
}): Promise<AddItemsResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [dataset] = await tx
      .select()
      .from(datasets)
      .where(and(eq(datasets.id, args.datasetId), eq(datasets.workspaceId, args.workspaceId)))
      .for('update');
    if (!dataset) return { status: 'not_found' } as const;
    const kept = args.replace ? 0 : dataset.itemCount;
    if (kept + args.items.length > args.maxItems) return { status: 'full', itemCount: dataset.itemCount } as const;
    let firstPosition = 1;
    if (args.replace) {
      await tx.delete(datasetItems).where(and(eq(datasetItems.datasetId, dataset.id), eq(datasetItems.workspaceId, args.workspaceId)));
    } else {
      const [max] = await tx
        .select({ max: sql<number | null>`max(${datasetItems.position})` })
        .from(datasetItems)
        .where(and(eq(datasetItems.datasetId, dataset.id), eq(datasetItems.workspaceId, args.workspaceId)));
      firstPosition = Number(max?.max ?? 0) + 1;
    }
    const items = await insertItemRows(tx, { workspaceId: args.workspaceId, datasetId: dataset.id, firstPosition, items: args.items, returning: args.returning });
    const [updated] = await tx
      .update(datasets)
      .set({ itemCount: kept + args.items.length, updatedAt: new Date() })
      .where(eq(datasets.id, dataset.id))
      .returning();
    return { status: 'added', dataset: updated!, items } as const;
  });
}

/** Position order after `afterPosition`; `q` matches the text of input or expected. */
export async function listDatasetItems(args: { workspaceId: string; datasetId: string; q?: string; afterPosition?: number; limit: number }): Promise<DatasetItem[]> {
  const db = await getDb();
  const filters: (SQL | undefined)[] = [eq(datasetItems.datasetId, args.datasetId), eq(datasetItems.workspaceId, args.workspaceId)];
  if (args.q) {
    const pattern = `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(sql`${datasetItems.input}::text`, pattern), ilike(sql`coalesce(${datasetItems.expected}::text, '')`, pattern)));
  }
  if (args.afterPosition !== undefined) filters.push(gt(datasetItems.position, args.afterPosition));
  return db
    .select()
    .from(datasetItems)
    .where(and(...filters))
    .orderBy(asc(datasetItems.position), asc(datasetItems.id))
    .limit(args.limit);
}

export async function getDatasetItem({ workspaceId, datasetId, itemId }: { workspaceId: string; datasetId: string; itemId: string }): Promise<DatasetItem | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(datasetItems)
    .where(and(eq(datasetItems.id, itemId), eq(datasetItems.datasetId, datasetId), eq(datasetItems.workspaceId, workspaceId)));
  return row ?? null;
}

/**
 * Locks the dataset row first, as replace-import and dataset delete do (dataset, then items): taking the item's row
 * lock before the dataset's, in the opposite order, deadlocks against them on PostgreSQL. False when not found.
 */
async function lockDataset(tx: Transaction, { workspaceId, datasetId }: { workspaceId: string; datasetId: string }): Promise<boolean> {
  const [row] = await tx
    .select({ id: datasets.id })
    .from(datasets)
    .where(and(eq(datasets.id, datasetId), eq(datasets.workspaceId, workspaceId)))
    .for('update');
  return row !== undefined;
}

/** Changes one item; the dataset counts as updated too. */
export async function updateDatasetItem(args: {
  workspaceId: string;
  datasetId: string;
  itemId: string;
  patch: { input?: Record<string, unknown>; expected?: unknown; metadata?: Record<string, unknown> };
}): Promise<DatasetItem | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await lockDataset(tx, args))) return null;
    const now = new Date();
    const [row] = await tx
      .update(datasetItems)
      .set({ ...args.patch, updatedAt: now })
      .where(and(eq(datasetItems.id, args.itemId), eq(datasetItems.datasetId, args.datasetId), eq(datasetItems.workspaceId, args.workspaceId)))
      .returning();
    if (row) await tx.update(datasets).set({ updatedAt: now }).where(and(eq(datasets.id, args.datasetId), eq(datasets.workspaceId, args.workspaceId)));
    return row ?? null;
  });
}

/** Deletes one item and counts it out of the dataset in the same transaction. */
export async function deleteDatasetItem({ workspaceId, datasetId, itemId }: { workspaceId: string; datasetId: string; itemId: string }): Promise<{ id: string } | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await lockDataset(tx, { workspaceId, datasetId }))) return null;
    const [row] = await tx
      .delete(datasetItems)
      .where(and(eq(datasetItems.id, itemId), eq(datasetItems.datasetId, datasetId), eq(datasetItems.workspaceId, workspaceId)))
      .returning({ id: datasetItems.id });
    if (!row) return null;
    await tx
      .update(datasets)
      .set({ itemCount: sql`greatest(${datasets.itemCount} - 1, 0)`, updatedAt: new Date() })
      .where(and(eq(datasets.id, datasetId), eq(datasets.workspaceId, workspaceId)));
    return row;
  });
}
