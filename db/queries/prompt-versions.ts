import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { ApiError } from '@/lib/api/errors';
import { parseTemplate, reconcileVariables, type VariableDef } from '@/lib/templates';
import type { Transaction } from '../client';
import { getDb } from '../client';
import { promptVersions, prompts, users, type ModelConfig, type PromptVersion } from '../schema';

export type VersionContentInput = {
  systemPrompt: string;
  userPrompt: string;
  variables: VariableDef[];
  model: ModelConfig;
  notes: string;
};

export type VersionView = Omit<PromptVersion, 'authorId' | 'workspaceId'> & {
  author: { id: string; name: string | null; email: string | null } | null;
};

/** Refuses templates with broken placeholders and declares every variable a template uses. */
export function prepareVersionContent(input: VersionContentInput): VersionContentInput {
  for (const [field, text] of [['systemPrompt', input.systemPrompt], ['userPrompt', input.userPrompt]] as const) {
    const [first] = parseTemplate(text).errors;
    if (first) throw new ApiError('INVALID_INPUT', `\`${field}\`: ${first.message}`, { fields: [{ path: field, message: first.message }] });
  }
  const { variables } = reconcileVariables(input.variables, [input.systemPrompt, input.userPrompt]);
  return { ...input, variables };
}

/**
 * Appends a version inside the caller's transaction. Bumping latest_version_number locks the prompt row,
 * so concurrent saves queue up and get consecutive numbers instead of colliding.
 */
export async function insertPromptVersion(
  tx: Transaction,
  args: { promptId: string; workspaceId: string; authorId: string | null; restoredFrom?: number; content: VersionContentInput },
): Promise<PromptVersion> {
  const [bumped] = await tx
    .update(prompts)
    .set({ latestVersionNumber: sql`${prompts.latestVersionNumber} + 1`, updatedAt: new Date() })
    .where(and(eq(prompts.id, args.promptId), eq(prompts.workspaceId, args.workspaceId), isNull(prompts.deletedAt)))
    .returning({ number: prompts.latestVersionNumber });
  if (!bumped) throw new ApiError('NOT_FOUND', 'Prompt not found');
  const content = prepareVersionContent(args.content);
  const [version] = await tx
    .insert(promptVersions)
    .values({
      promptId: args.promptId,
      workspaceId: args.workspaceId,
      versionNumber: bumped.number,
      authorId: args.authorId,
      restoredFrom: args.restoredFrom ?? null,
      ...content,
    })
    .returning();
  if (!version) throw new Error('insert returned no version');
  await tx.update(prompts).set({ currentVersionId: version.id }).where(eq(prompts.id, args.promptId));
  return version;
}

export const versionColumns = {
  version: promptVersions,
  authorName: users.name,
  authorEmail: users.email,
};

export function toVersionView(row: { version: PromptVersion; authorName: string | null; authorEmail: string | null }): VersionView {
  const { authorId, workspaceId: _workspaceId, ...version } = row.version;
  return {
    ...version,
    author: authorId ? { id: authorId, name: row.authorName, email: row.authorEmail } : null,
  };
}

export async function listPromptVersions({ promptId, workspaceId }: { promptId: string; workspaceId: string }): Promise<VersionView[]> {
  const db = await getDb();
  const rows = await db
    .select(versionColumns)
    .from(promptVersions)
    .leftJoin(users, eq(users.id, promptVersions.authorId))
    .where(and(eq(promptVersions.promptId, promptId), eq(promptVersions.workspaceId, workspaceId)))
    .orderBy(desc(promptVersions.versionNumber));
  return rows.map(toVersionView);
}

export async function getPromptVersionByNumber(args: {
  promptId: string;
  workspaceId: string;
  versionNumber: number;
}): Promise<VersionView | null> {
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
  return row ? toVersionView(row) : null;
}

export async function getPromptVersionById({ id, workspaceId }: { id: string; workspaceId: string }): Promise<VersionView | null> {
  const db = await getDb();
  const [row] = await db
    .select(versionColumns)
    .from(promptVersions)
    .leftJoin(users, eq(users.id, promptVersions.authorId))
    .where(and(eq(promptVersions.id, id), eq(promptVersions.workspaceId, workspaceId)));
  return row ? toVersionView(row) : null;
}
