import 'server-only';
import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import { isUuid } from '@/lib/ids';
import type { Transaction } from '../client';
import { getDb } from '../client';
import { promptVersions, prompts, users, type Prompt, type PromptVersion } from '../schema';

export type VersionContent = Pick<PromptVersion, 'systemPrompt' | 'userPrompt' | 'messages' | 'variables' | 'model' | 'notes'>;
export type VersionRow = { version: PromptVersion; authorName: string | null; authorEmail: string | null };
export type VersionSummaryRow = Pick<PromptVersion, 'id' | 'versionNumber' | 'notes' | 'createdAt' | 'restoredFrom' | 'model' | 'authorId'> & {
  authorName: string | null;
  authorEmail: string | null;
};

const versionColumns = { version: promptVersions, authorName: users.name, authorEmail: users.email };

/** Appends the next version of a prompt whose row the transaction holds locked, and makes it current. */
export async function insertVersionRow(
  tx: Transaction,
  args: { prompt: Prompt; authorId: string | null; restoredFrom: number | null; content: VersionContent },
): Promise<PromptVersion> {
  const [version] = await tx
    .insert(promptVersions)
    .values({
      promptId: args.prompt.id,
      workspaceId: args.prompt.workspaceId,
      versionNumber: args.prompt.latestVersionNumber + 1,
      authorId: args.authorId,
      restoredFrom: args.restoredFrom,
      ...args.content,
    })
    .returning();
  if (!version) throw new Error('insert returned no version');
  await tx
    .update(prompts)
    .set({ latestVersionNumber: version.versionNumber, currentVersionId: version.id, updatedAt: new Date() })
    .where(eq(prompts.id, args.prompt.id));
  return version;
}

/**
 * Saves a version under a lock on the prompt row, so concurrent saves queue up and get consecutive numbers.
 * `build` sees the locked prompt and its current version and returns the content (or throws to refuse).
 * Null when there is no such live prompt.
 */
export async function appendPromptVersion(args: {
  promptId: string;
  workspaceId: string;
  authorId: string | null;
  restoredFrom: number | null;
  build: (locked: { prompt: Prompt; current: PromptVersion | null }) => VersionContent;
  /** More writes in the same transaction once the version is in; throwing undoes the save. */
  after?: (tx: Transaction, version: PromptVersion) => Promise<void>;
}): Promise<PromptVersion | null> {
  if (!isUuid(args.promptId)) return null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const prompt = await lockLivePrompt(tx, args);
    if (!prompt) return null;
    const [current] = prompt.currentVersionId
      ? await tx.select().from(promptVersions).where(eq(promptVersions.id, prompt.currentVersionId))
      : [];
    const content = args.build({ prompt, current: current ?? null });
    const version = await insertVersionRow(tx, { prompt, authorId: args.authorId, restoredFrom: args.restoredFrom, content });
    await args.after?.(tx, version);
    return version;
  });
}

/** Newest first, without the prompt text; `beforeNumber` continues a page. */
export async function listVersionSummaries(args: {
  promptId: string;
  workspaceId: string;
  beforeNumber?: number;
  limit: number;
}): Promise<VersionSummaryRow[]> {
  if (!isUuid(args.promptId)) return [];
  const db = await getDb();
  return db
    .select({
      id: promptVersions.id,
      versionNumber: promptVersions.versionNumber,
      notes: promptVersions.notes,
      createdAt: promptVersions.createdAt,
      restoredFrom: promptVersions.restoredFrom,
      model: promptVersions.model,
      authorId: promptVersions.authorId,
      authorName: users.name,
      authorEmail: users.email,
    })
    .from(promptVersions)
    .leftJoin(users, eq(users.id, promptVersions.authorId))
    .where(
      and(
        eq(promptVersions.promptId, args.promptId),
        eq(promptVersions.workspaceId, args.workspaceId),
        args.beforeNumber ? lt(promptVersions.versionNumber, args.beforeNumber) : undefined,
      ),
    )
    .orderBy(desc(promptVersions.versionNumber))
    .limit(args.limit);
}

export async function getPromptVersionByNumber(args: { promptId: string; workspaceId: string; versionNumber: number }): Promise<VersionRow | null> {
  if (!isUuid(args.promptId)) return null;
  const db = await getDb();
  // Joined to its prompt so a deleted prompt's history is gone from the API too.
  const [row] = await db
    .select(versionColumns)
    .from(promptVersions)
    .innerJoin(prompts, and(eq(prompts.id, promptVersions.promptId), isNull(prompts.deletedAt)))
    .leftJoin(users, eq(users.id, promptVersions.authorId))
    .where(
      and(
        eq(promptVersions.promptId, args.promptId),
        eq(promptVersions.workspaceId, args.workspaceId),
        eq(promptVersions.versionNumber, args.versionNumber),
      ),
    );
  return row ?? null;
}

export async function getPromptVersionById({ id, workspaceId }: { id: string; workspaceId: string }): Promise<VersionRow | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select(versionColumns)
    .from(promptVersions)
    .leftJoin(users, eq(users.id, promptVersions.authorId))
    .where(and(eq(promptVersions.id, id), eq(promptVersions.workspaceId, workspaceId)));
  return row ?? null;
}

/** The live prompt's row, locked until the transaction ends: writes to one prompt (versions, labels) queue up on it. */
export async function lockLivePrompt(tx: Transaction, { workspaceId, promptId }: { workspaceId: string; promptId: string }): Promise<Prompt | null> {
  const [prompt] = await tx
    .select()
    .from(prompts)
    .where(and(eq(prompts.id, promptId), eq(prompts.workspaceId, workspaceId), isNull(prompts.deletedAt)))
    .for('update');
  return prompt ?? null;
}
