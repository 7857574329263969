import 'server-only';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { getDb } from '../client';
import { workspacePrices, type WorkspacePrice } from '../schema';

/** The workspace's price entries, by provider, model, then latest effectiveFrom first. */
export async function listWorkspacePrices({ workspaceId }: { workspaceId: string }): Promise<WorkspacePrice[]> {
  const db = await getDb();
  return db
    .select()
    .from(workspacePrices)
    .where(eq(workspacePrices.workspaceId, workspaceId))
    .orderBy(asc(workspacePrices.provider), asc(workspacePrices.model), desc(workspacePrices.effectiveFrom));
}

/** One provider/model's entries of the workspace, latest effectiveFrom first. */
export async function listWorkspacePricesForModel({ workspaceId, provider, model }: { workspaceId: string; provider: string; model: string }): Promise<WorkspacePrice[]> {
  const db = await getDb();
  return db
    .select()
    .from(workspacePrices)
    .where(and(eq(workspacePrices.workspaceId, workspaceId), eq(workspacePrices.provider, provider), eq(workspacePrices.model, model)))
    .orderBy(desc(workspacePrices.effectiveFrom));
}

export async function countWorkspacePrices({ workspaceId }: { workspaceId: string }): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(workspacePrices).where(eq(workspacePrices.workspaceId, workspaceId));
  return row?.n ?? 0;
}

/** Inserts one entry; a duplicate provider/model/effectiveFrom throws a unique violation (see isUniqueViolation). */
export async function insertWorkspacePrice(input: {
  workspaceId: string;
  provider: string;
  model: string;
  effectiveFrom: Date;
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok: number | null;
  cacheWritePerMTok: number | null;
  cacheWrite1hPerMTok: number | null;
  createdBy: string | null;
}): Promise<WorkspacePrice> {
  const db = await getDb();
  const [row] = await db.insert(workspacePrices).values(input).returning();
  if (!row) throw new Error('insert returned no workspace price');
  return row;
}

/** Deletes one entry of the workspace; its id, or null when there is none. */
export async function deleteWorkspacePrice({ id, workspaceId }: { id: string; workspaceId: string }): Promise<{ id: string } | null> {
  const db = await getDb();
  const [row] = await db
    .delete(workspacePrices)
    .where(and(eq(workspacePrices.id, id), eq(workspacePrices.workspaceId, workspaceId)))
    .returning({ id: workspacePrices.id });
  return row ?? null;
}
