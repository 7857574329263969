import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { isUuid } from '@/lib/ids';
import { getDb } from '../client';
import { promptDrafts, prompts, type PromptDraft } from '../schema';

type DraftKey = { promptId: string; userId: string; workspaceId: string };
export type DraftRow = Pick<PromptDraft, 'content' | 'baseVersionNumber' | 'updatedAt'>;

const livePrompt = (promptId: string, workspaceId: string) =>
  and(eq(prompts.id, promptId), eq(prompts.workspaceId, workspaceId), isNull(prompts.deletedAt));

const draftOf = ({ promptId, userId, workspaceId }: DraftKey) =>
  and(eq(promptDrafts.promptId, promptId), eq(promptDrafts.userId, userId), eq(promptDrafts.workspaceId, workspaceId));

/** The user's draft of a live prompt; `prompt: false` when the prompt itself is missing, deleted or elsewhere. */
export async function getPromptDraft(key: DraftKey): Promise<{ prompt: boolean; draft: DraftRow | null }> {
  if (!isUuid(key.promptId)) return { prompt: false, draft: null };
  const db = await getDb();
  const [row] = await db
    .select({ id: prompts.id, content: promptDrafts.content, baseVersionNumber: promptDrafts.baseVersionNumber, updatedAt: promptDrafts.updatedAt })
    .from(prompts)
    .leftJoin(promptDrafts, and(eq(promptDrafts.promptId, prompts.id), eq(promptDrafts.userId, key.userId)))
    .where(livePrompt(key.promptId, key.workspaceId));
  if (!row) return { prompt: false, draft: null };
  const { content, baseVersionNumber, updatedAt } = row;
  return { prompt: true, draft: content && updatedAt ? { content, baseVersionNumber, updatedAt } : null };
}

/** Writes the user's draft of a live prompt (one per user and prompt); null when there is no such prompt. */
export async function upsertPromptDraft(
  args: DraftKey & Pick<PromptDraft, 'content' | 'baseVersionNumber'>,
): Promise<{ updatedAt: Date } | null> {
  if (!isUuid(args.promptId)) return null;
  const db = await getDb();
  const [prompt] = await db.select({ id: prompts.id }).from(prompts).where(livePrompt(args.promptId, args.workspaceId));
  if (!prompt) return null;
  const now = new Date();
  const [row] = await db
    .insert(promptDrafts)
    .values({ ...args, updatedAt: now })
    .onConflictDoUpdate({
      target: [promptDrafts.promptId, promptDrafts.userId],
      set: { content: args.content, baseVersionNumber: args.baseVersionNumber, updatedAt: now },
      // Tenancy on the write too: a row of another workspace is never overwritten.
      setWhere: eq(promptDrafts.workspaceId, args.workspaceId),
    })
    .returning({ updatedAt: promptDrafts.updatedAt });
  return row ?? null;
}

/** Removes the user's draft; false when the prompt is missing, deleted or elsewhere (a missing draft is fine). */
export async function deletePromptDraft(key: DraftKey): Promise<boolean> {
  if (!isUuid(key.promptId)) return false;
  const db = await getDb();
  const [prompt] = await db.select({ id: prompts.id }).from(prompts).where(livePrompt(key.promptId, key.workspaceId));
  if (!prompt) return false;
  await db.delete(promptDrafts).where(draftOf(key));
  return true;
}
