import 'server-only';
import { listDeploymentRows } from '@/db/queries/prompt-deployments';
import { listLabelRows } from '@/db/queries/prompt-labels';
import { promptExists } from '@/db/queries/prompts';
import { decodeCursor, encodeCursor } from '@/lib/api/cursor';
import { notFound } from '@/lib/api/errors';
import { readPromptWithCurrentVersion } from '@/lib/prompts/prompt-cache';
import { latestLabelView, toDeploymentView, toLabelView, type DeploymentView, type LabelView } from './views';

/** The virtual `latest` first, then the stored labels by name. */
export async function listLabels({ workspaceId, promptId }: { workspaceId: string; promptId: string }): Promise<LabelView[]> {
  const found = await readPromptWithCurrentVersion({ id: promptId, workspaceId });
  if (!found) throw notFound('Prompt');
  const rows = await listLabelRows({ workspaceId, promptId });
  return [latestLabelView(found.prompt.latestVersionNumber), ...rows.map(toLabelView)];
}

/** The deployment history newest first, keyset-paginated, optionally of one label. */
export async function listDeployments(args: {
  workspaceId: string;
  promptId: string;
  label?: string;
  cursor?: string;
  limit: number;
}): Promise<{ items: DeploymentView[]; nextCursor: string | null }> {
  const after = args.cursor ? decodeCursor(args.cursor) : undefined;
  if (!(await promptExists({ id: args.promptId, workspaceId: args.workspaceId }))) throw notFound('Prompt');
  const rows = await listDeploymentRows({ workspaceId: args.workspaceId, promptId: args.promptId, label: args.label, after, limit: args.limit + 1 });
  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDeploymentView),
    nextCursor: rows.length > args.limit && last ? encodeCursor(last.deployment.createdAt, last.deployment.id) : null,
  };
}
