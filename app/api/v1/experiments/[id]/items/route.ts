import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { withWorkspace } from '@/lib/api/with-workspace';
import { listItemPage } from '@/lib/experiments/read-experiment';
import { listExperimentItemsQuerySchema } from '@/lib/experiments/schemas';

// GET /api/v1/experiments/{id}/items?cursor=&limit= – the items it ran, as they were then, in position order
export const GET = withWorkspace<{ id: string }>(async ({ req, params, workspace }) => {
  const query = parseQuery(req, listExperimentItemsQuerySchema);
  return ok(await listItemPage({ id: params.id, workspaceId: workspace.id, ...query }));
});
