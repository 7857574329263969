import { parseQuery } from '@/lib/api/query-params';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { listDeployments } from '@/lib/labels/read-labels';
import { listDeploymentsQuerySchema } from '@/lib/labels/schemas';

// GET /api/v1/prompts/{id}/deployments?label=&cursor=&limit= – every label move newest first
export const GET = withWorkspace<{ id: string }>(async ({ req, params, workspace }) => {
  const query = parseQuery(req, listDeploymentsQuerySchema);
  return ok(await listDeployments({ workspaceId: workspace.id, promptId: params.id, ...query }));
});
