import 'server-only';
import { and, asc, count, countDistinct, desc, eq, gte, isNull, max } from 'drizzle-orm';
import { getDb } from '../client';
import { runs } from '../schema';

export type UnpricedModelRow = { provider: string; model: string; runs: number; workspaces: number; lastSeen: Date };

/**
 * Every workspace's succeeded runs since `since` that got no price (neither the table nor a workspace price knew the
 * model at the run's time), by provider/model: most runs first. An operator's query, so it spans all workspaces.
 */
export async function listUnpricedModels({ since }: { since: Date }): Promise<UnpricedModelRow[]> {
  const db = await getDb();
  const lastSeen = max(runs.createdAt);
  const rows = await db
    .select({ provider: runs.provider, model: runs.model, runs: count(), workspaces: countDistinct(runs.workspaceId), lastSeen })
    .from(runs)
    // A cache hit has no price source either, but it cost nothing: it is not a missing price.
    .where(and(eq(runs.status, 'succeeded'), eq(runs.cached, false), isNull(runs.priceSource), gte(runs.createdAt, since)))
    .groupBy(runs.provider, runs.model)
    .orderBy(desc(count()), desc(lastSeen), asc(runs.provider), asc(runs.model));
  // max() of a non-empty group is never null.
  return rows.map((row) => ({ ...row, lastSeen: row.lastSeen! }));
}
