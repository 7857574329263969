import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { getExperimentDetail } from '@/lib/experiments/read-experiment';

// GET /api/v1/experiments/{id} – the experiment with its per-variant summary
export const GET = withWorkspace<{ id: string }>(async ({ params, workspace }) => {
  return ok(await getExperimentDetail({ id: params.id, workspaceId: workspace.id }));
});
