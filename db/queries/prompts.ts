import { and, arrayContains, desc, eq, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { ApiError } from '@/lib/api/errors';
import { DEFAULT_MODEL, slugify, type NewPromptInput, type NewVersionInput, type UpdatePromptInput } from '@/lib/prompts/schemas';
import { decodeCursor, encodeCursor } from '@/lib/api/cursor';
import { isUuid } from '@/lib/ids';
import { getDb } from '../client';
import { promptVersions, prompts, users, type Prompt } from '../schema';
import { isUniqueViolation } from './errors';
import { getPromptVersionById, getPromptVersionByNumber, insertPromptVersion, toVersionView, type VersionView } from './prompt-versions';

export type PromptView = Pick<Prompt, 'id' | 'title' | 'slug' | 'description' | 'tags' | 'createdAt' | 'updatedAt'> & {
  versionCount: number;
  currentVersion: VersionView | null;
};

export type PromptListItem = Omit<PromptView, 'currentVersion'> & {
  currentVersion: { versionNumber: number; provider: string; model: string; createdAt: Date } | null;
};

const live = (workspaceId: string, id?: string) =>
  and(eq(prompts.workspaceId, workspaceId), isNull(prompts.deletedAt), id ? eq(prompts.id, id) : undefined);

function toView(row: Prompt, currentVersion: VersionView | null): PromptView {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    description: row.description,
    tags: row.tags,
    versionCount: row.latestVersionNumber,
    currentVersion,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The prompt with its current version (and that version's author) in one query. */
export async function getPromptById({ id, workspaceId }: { id: string; workspaceId: string }): Promise<PromptView | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ prompt: prompts, version: promptVersions, authorName: users.name, authorEmail: users.email })
    .from(prompts)
    .leftJoin(promptVersions, eq(promptVersions.id, prompts.currentVersionId))
    .leftJoin(users, eq(users.id, promptVersions.authorId))
    .where(live(workspaceId, id));
  if (!row) return null;
  return toView(row.prompt, row.version ? toVersionView({ version: row.version, authorName: row.authorName, authorEmail: row.authorEmail }) : null);
}

export async function listPrompts(args: {
  workspaceId: string;
  q?: string;
  tag?: string;
  cursor?: string;
  limit: number;
}): Promise<{ items: PromptListItem[]; nextCursor: string | null }> {
  const db = await getDb();
  const filters: (SQL | undefined)[] = [live(args.workspaceId)];
  if (args.q) {
    const pattern = `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(prompts.title, pattern), ilike(prompts.slug, pattern)));
  }
  if (args.tag) filters.push(arrayContains(prompts.tags, [args.tag]));
  if (args.cursor) {
    const { at, id } = decodeCursor(args.cursor);
    filters.push(or(lt(prompts.updatedAt, at), and(eq(prompts.updatedAt, at), lt(prompts.id, id))));
  }
  const rows = await db
    .select({ prompt: prompts, versionNumber: promptVersions.versionNumber, model: promptVersions.model, versionCreatedAt: promptVersions.createdAt })
    .from(prompts)
    .leftJoin(promptVersions, eq(promptVersions.id, prompts.currentVersionId))
    .where(and(...filters))
    .orderBy(desc(prompts.updatedAt), desc(prompts.id))
    .limit(args.limit + 1);
  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ prompt, versionNumber, model, versionCreatedAt }) => ({
      ...toView(prompt, null),
      currentVersion:
        versionNumber && model && versionCreatedAt
          ? { versionNumber, provider: model.provider, model: model.model, createdAt: versionCreatedAt }
          : null,
    })),
    nextCursor: rows.length > args.limit && last ? encodeCursor(last.prompt.updatedAt, last.prompt.id) : null,
  };
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

async function availableSlug(workspaceId: string, base: string): Promise<string> {
  const db = await getDb();
  const taken = new Set(
    (
      await db
        .select({ slug: prompts.slug })
        .from(prompts)
        .where(and(live(workspaceId), or(eq(prompts.slug, base), ilike(prompts.slug, `${base}-%`))))
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const slugConflict = (slug: string) =>
  new ApiError('CONFLICT', `slug \`${slug}\` is already used by another prompt in this workspace: choose another`);

export async function createPrompt(args: { workspaceId: string; userId: string; input: NewPromptInput }): Promise<PromptView> {
  const { input, workspaceId, userId } = args;
  const slug = input.slug ?? (await availableSlug(workspaceId, slugify(input.title)));
  const db = await getDb();
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(prompts)
        .values({ workspaceId, title: input.title, slug, description: input.description ?? '', tags: input.tags ?? [], createdBy: userId })
        .returning({ id: prompts.id });
      if (!row) throw new Error('insert returned no prompt');
      await insertPromptVersion(tx, {
        promptId: row.id,
        workspaceId,
        authorId: userId,
        content: {
          systemPrompt: input.systemPrompt ?? '',
          userPrompt: input.userPrompt,
          variables: input.variables ?? [],
          model: input.model ?? { ...DEFAULT_MODEL },
          notes: input.notes ?? '',
        },
      });
      return row.id;
    });
    return (await getPromptById({ id, workspaceId }))!;
  } catch (error) {
    if (isUniqueViolation(error)) throw slugConflict(slug);
    throw error;
  }
}

export async function updatePrompt(args: { id: string; workspaceId: string; input: UpdatePromptInput }): Promise<PromptView | null> {
  if (!isUuid(args.id)) return null;
  const db = await getDb();
  try {
    const [row] = await db
      .update(prompts)
      .set({ ...args.input, updatedAt: new Date() })
      .where(live(args.workspaceId, args.id))
      .returning({ id: prompts.id });
    return row ? getPromptById({ id: row.id, workspaceId: args.workspaceId }) : null;
  } catch (error) {
    if (isUniqueViolation(error) && args.input.slug) throw slugConflict(args.input.slug);
    throw error;
  }
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

/** Saves a new version; omitted `variables` and `model` carry over from the current version. */
export async function createPromptVersion(args: {
  promptId: string;
  workspaceId: string;
  userId: string;
  input: NewVersionInput;
  restoredFrom?: number;
}): Promise<VersionView | null> {
  const prompt = await getPromptById({ id: args.promptId, workspaceId: args.workspaceId });
  if (!prompt) return null;
  const current = prompt.currentVersion;
  const db = await getDb();
  const version = await db.transaction((tx) =>
    insertPromptVersion(tx, {
      promptId: prompt.id,
      workspaceId: args.workspaceId,
      authorId: args.userId,
      restoredFrom: args.restoredFrom,
      content: {
        systemPrompt: args.input.systemPrompt ?? '',
        userPrompt: args.input.userPrompt,
        variables: args.input.variables ?? current?.variables ?? [],
        model: args.input.model ?? current?.model ?? { ...DEFAULT_MODEL },
        notes: args.input.notes ?? '',
      },
    }),
  );
  return getPromptVersionById({ id: version.id, workspaceId: args.workspaceId });
}

/** Restoring never rewrites history: it appends a copy of the old version and makes it current. */
export async function restorePromptVersion(args: {
  promptId: string;
  workspaceId: string;
  userId: string;
  versionNumber: number;
}): Promise<VersionView | null> {
  if (!isUuid(args.promptId)) return null;
  const source = await getPromptVersionByNumber(args);
  if (!source) throw new ApiError('NOT_FOUND', `Version ${args.versionNumber} of this prompt not found`);
  return createPromptVersion({
    promptId: args.promptId,
    workspaceId: args.workspaceId,
    userId: args.userId,
    restoredFrom: source.versionNumber,
    input: {
      systemPrompt: source.systemPrompt,
      userPrompt: source.userPrompt,
      variables: source.variables,
      model: source.model,
      notes: `Restored from version ${source.versionNumber}`,
    },
  });
}
