import 'server-only';
import { and, asc, count, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import { isUuid } from '@/lib/ids';
import { getDb } from '../client';
import { promptInputSets, prompts, type PromptInputSet } from '../schema';

type PromptKey = { promptId: string; workspaceId: string };

async function promptIsLive({ promptId, workspaceId }: PromptKey): Promise<boolean> {
  if (!isUuid(promptId)) return false;
  const db = await getDb();
  const [row] = await db
    .select({ id: prompts.id })
    .from(prompts)
    .where(and(eq(prompts.id, promptId), eq(prompts.workspaceId, workspaceId), isNull(prompts.deletedAt)));
  return Boolean(row);
}

const ofPrompt = ({ promptId, workspaceId }: PromptKey) =>
  and(eq(promptInputSets.promptId, promptId), eq(promptInputSets.workspaceId, workspaceId));

/** The sets of a live prompt by name; null when there is no such prompt. */
export async function listInputSets(key: PromptKey): Promise<PromptInputSet[] | null> {
  if (!(await promptIsLive(key))) return null;
  const db = await getDb();
  return db.select().from(promptInputSets).where(ofPrompt(key)).orderBy(asc(promptInputSets.name), asc(promptInputSets.id));
}

/**
 * Saves a set by name: replaces the values of an existing name, else inserts when the prompt has fewer than
 * `maxSets`. Null when there is no such prompt; `full` when a new set would pass the limit.
 */
export async function upsertInputSet(
  args: PromptKey & { name: string; values: Record<string, unknown>; createdBy: string; maxSets: number },
): Promise<{ set: PromptInputSet; created: boolean } | 'full' | null> {
  if (!(await promptIsLive(args))) return null;
  const db = await getDb();
  const now = new Date();
  const [existing] = await db
    .update(promptInputSets)
    .set({ values: args.values, updatedAt: now })
    .where(and(ofPrompt(args), eq(promptInputSets.name, args.name)))
    .returning();
  if (existing) return { set: existing, created: false };
  const [counted] = await db.select({ n: count() }).from(promptInputSets).where(ofPrompt(args));
  if ((counted?.n ?? 0) >= args.maxSets) return 'full';
  // A concurrent save of the same name lands as a replace rather than a unique violation.
  const [row] = await db
    .insert(promptInputSets)
    .values({ workspaceId: args.workspaceId, promptId: args.promptId, name: args.name, values: args.values, createdBy: args.createdBy })
    .onConflictDoUpdate({
      target: [promptInputSets.promptId, promptInputSets.name],
      set: { values: args.values, updatedAt: now },
      setWhere: eq(promptInputSets.workspaceId, args.workspaceId),
    })
    .returning({ ...getTableColumns(promptInputSets), created: sql<boolean>`xmax = 0` });
  if (!row) return null;
  const { created, ...set } = row;
  return { set, created };
}

/** Deletes one set of a live prompt; false when there is no such set. */
export async function deleteInputSet(args: PromptKey & { id: string }): Promise<boolean> {
  if (!isUuid(args.id) || !(await promptIsLive(args))) return false;
  const db = await getDb();
  const rows = await db
    .delete(promptInputSets)
    .where(and(ofPrompt(args), eq(promptInputSets.id, args.id)))
    .returning({ id: promptInputSets.id });
  return rows.length > 0;
}
