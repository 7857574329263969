import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { cancelExperiment } from '@/lib/experiments/cancel-experiment';
import { experimentView } from '@/lib/experiments/views';

// POST /api/v1/experiments/{id}/cancel – stops every pending cell; a finished experiment answers 409
export const POST = withWorkspace<{ id: string }>(async ({ params, workspace }) => {
  return ok(experimentView(await cancelExperiment({ id: params.id, workspaceId: workspace.id })));
});
