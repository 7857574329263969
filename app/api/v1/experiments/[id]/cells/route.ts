import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { withWorkspace } from '@/lib/api/with-workspace';
import { listCellPage } from '@/lib/experiments/read-experiment';
import { listCellsQuerySchema } from '@/lib/experiments/schemas';

// GET /api/v1/experiments/{id}/cells?variant=&itemId=&status=&result=&q=&cursor=&limit= – grid order
export const GET = withWorkspace<{ id: string }>(async ({ req, params, workspace }) => {
  const query = parseQuery(req, listCellsQuerySchema);
  return ok(await listCellPage({ id: params.id, workspaceId: workspace.id, ...query }));
});
