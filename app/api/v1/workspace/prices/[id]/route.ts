import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { removeWorkspacePrice } from '@/lib/llm/workspace-prices';

// DELETE /api/v1/workspace/prices/{id} – runs already priced keep their cost; later runs fall back to earlier entries
export const DELETE = withWorkspace<{ id: string }>(async ({ params, workspace }) => ok(await removeWorkspacePrice({ workspaceId: workspace.id, id: params.id })), {
  minRole: 'admin',
});
