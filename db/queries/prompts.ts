import 'server-only';
import { and, arrayContains, desc, eq, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { isUuid } from '@/lib/ids';
import { getDb } from '../client';
import { preparedOnce } from '../prepared';
import { promptVersions, prompts, users, type Prompt, type PromptVersion } from '../schema';
import { insertVersionRow, type VersionContent } from './prompt-versions';

export type PromptWithVersionRow = { prompt: Prompt; version: PromptVersion | null; authorName: string | null; authorEmail: string | null };
export type PromptListRow = { prompt: Prompt; versionNumber: number | null; model: PromptVersion['model'] | null; versionCreatedAt: Date | null };

const live = (workspaceId: string, id?: string) =>
  and(eq(prompts.workspaceId, workspaceId), isNull(prompts.deletedAt), id ? eq(prompts.id, id) : undefined);

// Run creation and the prompt GET.
const promptWithCurrentVersion = preparedOnce((db) =>
  db
    .select({ prompt: prompts, version: promptVersions, authorName: users.name, authorEmail: users.email })
    .from(prompts)
    .leftJoin(promptVersions, eq(promptVersions.id, prompts.currentVersionId))
    .leftJoin(users, eq(users.id, promptVersions.authorId))
    .where(and(eq(prompts.workspaceId, sql.placeholder('workspaceId')), isNull(prompts.deletedAt), eq(prompts.id, sql.placeholder('id'))))
    .prepare('prompt_with_current_version'),
);

/** The prompt with its current version (and that version's author) in one query. */
export async function getPromptWithCurrentVersion({ id, workspaceId }: { id: string; workspaceId: string }): Promise<PromptWithVersionRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await promptWithCurrentVersion(await getDb()).execute({ id, workspaceId });
  return row ?? null;
}

export async function promptExists({ id, workspaceId }: { id: string; workspaceId: string }): Promise<boolean> {
  if (!isUuid(id)) return false;
  const db = await getDb();
  const [row] = await db.select({ id: prompts.id }).from(prompts).where(live(workspaceId, id));
  return Boolean(row);
}

/** Newest-updated first, after the keyset position `after` when given. */
export async function listPrompts(args: {
  workspaceId: string;
  q?: string;
  tag?: string;
  after?: { at: Date; id: string };
  limit: number;
}): Promise<PromptListRow[]> {
  const db = await getDb();
  const filters: (SQL | undefined)[] = [live(args.workspaceId)];
  if (args.q) {
    const pattern = `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(prompts.title, pattern), ilike(prompts.slug, pattern)));
  }
  if (args.tag) filters.push(arrayContains(prompts.tags, [args.tag]));
  if (args.after) {
    const { at, id } = args.after;
    filters.push(or(lt(prompts.updatedAt, at), and(eq(prompts.updatedAt, at), lt(prompts.id, id))));
  }
  return db
    .select({ prompt: prompts, versionNumber: promptVersions.versionNumber, model: promptVersions.model, versionCreatedAt: promptVersions.createdAt })
    .from(prompts)
    .leftJoin(promptVersions, eq(promptVersions.id, prompts.currentVersionId))
    .where(and(...filters))
    .orderBy(desc(prompts.updatedAt), desc(prompts.id))
    .limit(args.limit);
}

/** All tags used in the workspace, for the tag filter. */
export async function listPromptTags({ workspaceId }: { workspaceId: string }): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ tag: sql<string>`unnest(${prompts.tags})` })
    .from(prompts)
    .where(live(workspaceId));
  return rows.map((r) => r.tag).sort();
}

/** The id of the live prompt with this slug, or null. */
export async function getPromptIdBySlug({ workspaceId, slug }: { workspaceId: string; slug: string }): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select({ id: prompts.id }).from(prompts).where(and(live(workspaceId), eq(prompts.slug, slug)));
  return row?.id ?? null;
}

/** Live slugs equal to `base` or starting with `base-`. */
export async function listSlugsLike({ workspaceId, base }: { workspaceId: string; base: string }): Promise<string[]> {
  const db = await getDb();
  const pattern = `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`;
  const rows = await db
    .select({ slug: prompts.slug })
    .from(prompts)
    .where(and(live(workspaceId), or(eq(prompts.slug, base), ilike(prompts.slug, pattern))));
  return rows.map((r) => r.slug);
}

type PromptValues = Pick<Prompt, 'workspaceId' | 'title' | 'slug' | 'description' | 'tags' | 'createdBy'>;

/** Inserts the prompt and its version 1 together. A taken slug surfaces as a unique violation. */
export async function insertPromptWithVersion(args: { prompt: PromptValues; content: VersionContent }): Promise<Prompt> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(prompts).values(args.prompt).returning();
    if (!row) throw new Error('insert returned no prompt');
    const version = await insertVersionRow(tx, { prompt: row, authorId: args.prompt.createdBy, restoredFrom: null, content: args.content });
    return { ...row, latestVersionNumber: version.versionNumber, currentVersionId: version.id };
  });
}

type PromptPatch = Partial<Pick<Prompt, 'title' | 'slug' | 'description' | 'tags'>>;

/** Changes metadata; null when there is no such live prompt. A taken slug surfaces as a unique violation. */
export async function updatePromptRow(args: { id: string; workspaceId: string; patch: PromptPatch }): Promise<Prompt | null> {
  if (!isUuid(args.id)) return null;
  const db = await getDb();
  const [row] = await db
    .update(prompts)
    .set({ ...args.patch, updatedAt: new Date() })
    .where(live(args.workspaceId, args.id))
    .returning();
  return row ?? null;
}

/** Soft delete: versions are immutable history, so the prompt is hidden rather than erased. */
export async function deletePrompt({ id, workspaceId }: { id: string; workspaceId: string }): Promise<boolean> {
  if (!isUuid(id)) return false;
  const db = await getDb();
  const rows = await db
    .update(prompts)
    .set({ deletedAt: new Date() })
    .where(live(workspaceId, id))
    .returning({ id: prompts.id });
  return rows.length > 0;
}
