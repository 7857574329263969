import { cancelRun, getRunById } from '@/db/queries/runs';
import { ApiError, notFound } from '@/lib/api/errors';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { publishRunEvent } from '@/lib/run-channel';
import { abortExecution } from '@/lib/runs/abort-registry';
import { toRunView } from '@/lib/runs/run-view';

// POST /api/v1/runs/{id}/cancel – a queued or running run stops; a finished one answers 409
export const POST = withWorkspace<{ id: string }>(async ({ params, workspace }) => {
  const canceled = await cancelRun({ id: params.id, workspaceId: workspace.id });
  if (!canceled) {
    const run = await getRunById({ id: params.id, workspaceId: workspace.id });
    if (!run) throw notFound('Run');
    throw new ApiError('CONFLICT', `Run already ${run.status}: only queued or running runs can be canceled`);
  }
  abortExecution(canceled.id);
  await publishRunEvent(canceled.id, { type: 'done', status: 'canceled' });
  return ok(toRunView(canceled));
});
