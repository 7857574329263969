import { and, desc, eq, isNull } from 'drizzle-orm';
import { getDb } from '../client';
import { apiKeys, type ApiKey } from '../schema';

export type ApiKeySummary = Pick<ApiKey, 'id' | 'name' | 'prefix' | 'lastUsedAt' | 'createdAt' | 'revokedAt'>;

const summaryColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  lastUsedAt: apiKeys.lastUsedAt,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
};

export async function createApiKeyRecord(input: {
  workspaceId: string;
  userId: string;
  name: string;
  prefix: string;
  hashedKey: string;
}): Promise<ApiKeySummary> {
  const db = await getDb();
  const [row] = await db.insert(apiKeys).values(input).returning(summaryColumns);
  if (!row) throw new Error('insert returned no api key');
  return row;
}

export async function listApiKeys({ workspaceId }: { workspaceId: string }): Promise<ApiKeySummary[]> {
  const db = await getDb();
  return db
    .select(summaryColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey({ id, workspaceId }: { id: string; workspaceId: string }): Promise<ApiKeySummary | null> {
  const db = await getDb();
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .returning(summaryColumns);
  return row ?? null;
}

/** Finds a live key by its hash and stamps its last use. */
export async function markApiKeyUsedByHash({ hashedKey }: { hashedKey: string }): Promise<ApiKey | null> {
  const db = await getDb();
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.hashedKey, hashedKey), isNull(apiKeys.revokedAt)))
    .returning();
  return row ?? null;
}
