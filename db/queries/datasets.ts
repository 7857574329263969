import 'server-only';
import { and, count, desc, eq, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../client';
import { datasetItems, datasets, type Dataset } from '../schema';
import { insertItemRows, type NewItem } from './dataset-items';

const scoped = (workspaceId: string, id: string) => and(eq(datasets.id, id), eq(datasets.workspaceId, workspaceId));

export async function getDatasetById({ id, workspaceId }: { id: string; workspaceId: string }): Promise<Dataset | null> {
  const db = await getDb();
  const [row] = await db.select().from(datasets).where(scoped(workspaceId, id));
  return row ?? null;
}

/** Newest-updated first, after the keyset position `after` when given; `q` matches the name. */
export async function listDatasets(args: { workspaceId: string; q?: string; after?: { at: Date; id: string }; limit: number }): Promise<Dataset[]> {
  const db = await getDb();
  const filters: (SQL | undefined)[] = [eq(datasets.workspaceId, args.workspaceId)];
  if (args.q) filters.push(ilike(datasets.name, `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (args.after) {
    const { at, id } = args.after;
    filters.push(or(lt(datasets.updatedAt, at), and(eq(datasets.updatedAt, at), lt(datasets.id, id))));
  }
  return db
    .select()
    .from(datasets)
    .where(and(...filters))
    .orderBy(desc(datasets.updatedAt), desc(datasets.id))
    .limit(args.limit);
}

export async function countDatasets({ workspaceId }: { workspaceId: string }): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(datasets).where(eq(datasets.workspaceId, workspaceId));
  return row?.n ?? 0;
}

/** A dataset and its first items in one transaction; a taken name throws a unique violation. */
export async function insertDataset(args: { workspaceId: string; name: string; description: string; createdBy: string | null; items: NewItem[] }): Promise<Dataset> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(datasets)
      .values({ workspaceId: args.workspaceId, name: args.name, description: args.description, createdBy: args.createdBy, itemCount: args.items.length })
      .returning();
    if (!row) throw new Error('insert returned no dataset');
    await insertItemRows(tx, { workspaceId: args.workspaceId, datasetId: row.id, firstPosition: 1, items: args.items, returning: false });
    return row;
  });
}

export async function updateDataset(args: { id: string; workspaceId: string; patch: { name?: string; description?: string } }): Promise<Dataset | null> {
  const db = await getDb();
  const [row] = await db
    .update(datasets)
    .set({ ...args.patch, updatedAt: new Date() })
    .where(scoped(args.workspaceId, args.id))
    .returning();
  return row ?? null;
}

/** Items go with it (cascade); experiments keep their snapshot and lose only the link (set null). */
export async function deleteDataset({ id, workspaceId }: { id: string; workspaceId: string }): Promise<{ id: string } | null> {
  const db = await getDb();
  const [row] = await db.delete(datasets).where(scoped(workspaceId, id)).returning({ id: datasets.id });
  return row ?? null;
}

export const MAX_LISTED_KEYS = 1000;

/** The sorted distinct keys of the items' `input` (or `metadata`), at most `limit` (default MAX_LISTED_KEYS). */
export async function listDatasetKeys({ id, workspaceId, of, limit = MAX_LISTED_KEYS }: { id: string; workspaceId: string; of: 'input' | 'metadata'; limit?: number }): Promise<string[]> {
  const db = await getDb();
  const column = of === 'input' ? datasetItems.input : datasetItems.metadata;
  const rows = await db
    .selectDistinct({ key: sql<string>`jsonb_object_keys(${column})`.as('key') })
    .from(datasetItems)
    .where(and(eq(datasetItems.datasetId, id), eq(datasetItems.workspaceId, workspaceId)))
    .orderBy(sql`key`)
    .limit(limit);
  return rows.map((r) => r.key);
}

export async function getDatasetByName({ name, workspaceId }: { name: string; workspaceId: string }): Promise<Dataset | null> {
  const db = await getDb();
  const [row] = await db.select().from(datasets).where(and(eq(datasets.workspaceId, workspaceId), eq(datasets.name, name)));
  return row ?? null;
}
