import 'server-only';
import { getPromptVersionByNumber, listVersionSummaries } from '@/db/queries/prompt-versions';
import { listPrompts, promptExists } from '@/db/queries/prompts';
import { decodeCursor, decodeNumberCursor, encodeCursor, encodeNumberCursor } from '@/lib/api/cursor';
import { notFound } from '@/lib/api/errors';
import { readPromptWithCurrentVersion } from './prompt-cache';
import { toPromptListItem, toPromptView, toVersionSummaryView, toVersionView, type PromptListItem, type PromptView, type VersionSummaryView, type VersionView } from './views';

type Page<T> = { items: T[]; nextCursor: string | null };

export async function getPrompt({ id, workspaceId }: { id: string; workspaceId: string }): Promise<PromptView> {
  const row = await readPromptWithCurrentVersion({ id, workspaceId });
  if (!row) throw notFound('Prompt');
  return toPromptView(row);
}

/** Newest-updated first, keyset-paginated. */
export async function listPromptPage(args: { workspaceId: string; q?: string; tag?: string; cursor?: string; limit: number }): Promise<Page<PromptListItem>> {
  const after = args.cursor ? decodeCursor(args.cursor) : undefined;
  const rows = await listPrompts({ workspaceId: args.workspaceId, q: args.q, tag: args.tag, after, limit: args.limit + 1 });
  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  return {
    items: page.map(toPromptListItem),
    nextCursor: rows.length > args.limit && last ? encodeCursor(last.prompt.updatedAt, last.prompt.id) : null,
  };
}

export async function getVersion(args: { promptId: string; workspaceId: string; versionNumber: number }): Promise<VersionView> {
  const row = await getPromptVersionByNumber(args);
  if (!row) throw notFound(`Version ${args.versionNumber}`);
  return toVersionView(row);
}

/** The history newest first, as summaries without the prompt text. */
export async function listVersionPage(args: { promptId: string; workspaceId: string; cursor?: string; limit: number }): Promise<Page<VersionSummaryView>> {
  const beforeNumber = args.cursor ? decodeNumberCursor(args.cursor) : undefined;
  if (!(await promptExists({ id: args.promptId, workspaceId: args.workspaceId }))) throw notFound('Prompt');
  const rows = await listVersionSummaries({ promptId: args.promptId, workspaceId: args.workspaceId, beforeNumber, limit: args.limit + 1 });
  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  return { items: page.map(toVersionSummaryView), nextCursor: rows.length > args.limit && last ? encodeNumberCursor(last.versionNumber) : null };
}
