import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { providerCredentials, type ProviderCredential } from '../schema';

/** What may leave the server: everything but the encrypted key. */
export type ProviderCredentialSummary = Omit<ProviderCredential, 'encryptedKey' | 'workspaceId'>;

const summaryColumns = {
  id: providerCredentials.id,
  provider: providerCredentials.provider,
  label: providerCredentials.label,
  baseUrl: providerCredentials.baseUrl,
  keyLast4: providerCredentials.keyLast4,
  createdAt: providerCredentials.createdAt,
  updatedAt: providerCredentials.updatedAt,
};

type StoredFields = { baseUrl: string | null; encryptedKey: string | null; keyLast4: string | null };

export async function listProviderCredentials({ workspaceId }: { workspaceId: string }): Promise<ProviderCredentialSummary[]> {
  const db = await getDb();
  return db
    .select(summaryColumns)
    .from(providerCredentials)
    .where(eq(providerCredentials.workspaceId, workspaceId))
    .orderBy(asc(providerCredentials.label));
}

/** The full row, encrypted key included, for building a provider on the server; never send it to a client. */
export async function getProviderCredentialByLabel({ workspaceId, label }: { workspaceId: string; label: string }): Promise<ProviderCredential | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(providerCredentials)
    .where(and(eq(providerCredentials.workspaceId, workspaceId), eq(providerCredentials.label, label)));
  return row ?? null;
}

/** The full row by id (encrypted key included); null for a missing id or another workspace's. */
export async function getProviderCredentialById({ id, workspaceId }: { id: string; workspaceId: string }): Promise<ProviderCredential | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(providerCredentials)
    .where(and(eq(providerCredentials.id, id), eq(providerCredentials.workspaceId, workspaceId)));
  return row ?? null;
}

/**
 * Saves a credential under its label; saving the same label for the same provider again replaces its key and
 * base URL (setting a new OpenAI key is one call). Null when another provider already uses the label.
 */
export async function saveProviderCredential(
  input: { workspaceId: string; provider: string; label: string } & StoredFields,
): Promise<ProviderCredentialSummary | null> {
  const db = await getDb();
  const [row] = await db
    .insert(providerCredentials)
    .values(input)
    .onConflictDoUpdate({
      target: [providerCredentials.workspaceId, providerCredentials.label],
      set: { baseUrl: input.baseUrl, encryptedKey: input.encryptedKey, keyLast4: input.keyLast4, updatedAt: sql`now()` },
      setWhere: eq(providerCredentials.provider, input.provider),
    })
    .returning(summaryColumns);
  return row ?? null;
}

export async function updateProviderCredential({
  id,
  workspaceId,
  patch,
}: {
  id: string;
  workspaceId: string;
  patch: Partial<{ label: string } & StoredFields>;
}): Promise<ProviderCredentialSummary | null> {
  const db = await getDb();
  const [row] = await db
    .update(providerCredentials)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(providerCredentials.id, id), eq(providerCredentials.workspaceId, workspaceId)))
    .returning(summaryColumns);
  return row ?? null;
}

export async function deleteProviderCredential({ id, workspaceId }: { id: string; workspaceId: string }): Promise<ProviderCredentialSummary | null> {
  const db = await getDb();
  const [row] = await db
    .delete(providerCredentials)
    .where(and(eq(providerCredentials.id, id), eq(providerCredentials.workspaceId, workspaceId)))
    .returning(summaryColumns);
  return row ?? null;
}
