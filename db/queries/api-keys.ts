import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { preparedOnce } from '../prepared';
import { apiKeys, users, workspaceMembers, workspaces, type ApiKey, type User } from '../schema';

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

export type ApiKeyOwner = Pick<User, 'id' | 'name' | 'email'>;
export type ApiKeyWithOwner = ApiKeySummary & { owner: ApiKeyOwner };

/** The workspace's live keys with the user each acts as, newest first; only `userId`'s when given. */
export async function listApiKeys({ workspaceId, userId }: { workspaceId: string; userId?: string }): Promise<ApiKeyWithOwner[]> {
  const db = await getDb();
  return db
    .select({ ...summaryColumns, owner: { id: users.id, name: users.name, email: users.email } })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt), userId ? eq(apiKeys.userId, userId) : undefined))
    .orderBy(desc(apiKeys.createdAt));
}

/** A live key of the workspace and who it belongs to, or null. */
export async function getApiKeyOwner({ id, workspaceId }: { id: string; workspaceId: string }): Promise<{ id: string; userId: string } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: apiKeys.id, userId: apiKeys.userId })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)));
  return row ?? null;
}

/** The one place a key is revoked (lib/auth/api-key-access.ts drops the cached caller after it). */
export async function revokeApiKey({ id, workspaceId }: { id: string; workspaceId: string }): Promise<ApiKeySummary | null> {
  const db = await getDb();
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .returning(summaryColumns);
  return row ?? null;
}

// On every API request whose caller is not cached yet.
const apiKeyCallerByHash = preparedOnce((db) =>
  db
    .select({
      apiKey: { id: apiKeys.id, lastUsedAt: apiKeys.lastUsedAt },
      user: { id: users.id, email: users.email, name: users.name, instanceRole: users.instanceRole },
      workspace: workspaces,
      role: workspaceMembers.role,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(workspaceMembers, and(eq(workspaceMembers.workspaceId, apiKeys.workspaceId), eq(workspaceMembers.userId, apiKeys.userId)))
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(and(eq(apiKeys.hashedKey, sql.placeholder('hashedKey')), isNull(apiKeys.revokedAt)))
    .prepare('api_key_caller_by_hash'),
);

/** A live key with the user it acts as and their membership of its workspace, in one query. */
export async function getApiKeyCallerByHash({ hashedKey }: { hashedKey: string }) {
  const [row] = await apiKeyCallerByHash(await getDb()).execute({ hashedKey });
  return row ?? null;
}

/** Stamps a key's last use now (the caller decides how often: lib/auth/resolve-caller.ts). */
export async function touchApiKey({ id }: { id: string }): Promise<void> {
  const db = await getDb();
  await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, id));
}
