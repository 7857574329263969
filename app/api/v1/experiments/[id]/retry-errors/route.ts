import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { retryErroredCells } from '@/lib/experiments/retry-errors';

// POST /api/v1/experiments/{id}/retry-errors – errored cells run (or are scored) again; 202 { id, retried }
export const POST = withWorkspace<{ id: string }>(async ({ params, workspace }) => {
  return ok(await retryErroredCells({ id: params.id, workspaceId: workspace.id }), { status: 202 });
});
