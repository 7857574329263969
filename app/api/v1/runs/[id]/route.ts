import { getRunById } from '@/db/queries/runs';
import { notFound } from '@/lib/api/errors';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { toRunView } from '@/lib/runs/run-view';

export const GET = withWorkspace<{ id: string }>(async ({ params, workspace }) => {
  const run = await getRunById({ id: params.id, workspaceId: workspace.id });
  if (!run) throw notFound('Run');
  return ok(toRunView(run));
});
