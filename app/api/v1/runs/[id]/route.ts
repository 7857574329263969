import { getRunWithPromptTitle } from '@/db/queries/runs';
import { notFound } from '@/lib/api/errors';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { toRunWithTitleView } from '@/lib/runs/run-view';

export const GET = withWorkspace<{ id: string }>(async ({ params, workspace }) => {
  const row = await getRunWithPromptTitle({ id: params.id, workspaceId: workspace.id });
  if (!row) throw notFound('Run');
  return ok(toRunWithTitleView(row));
});
