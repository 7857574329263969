import { parseQuery } from '@/lib/api/query-params';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { createDataset, listDatasetViews } from '@/lib/datasets/datasets';
import { readNewDatasetBody } from '@/lib/datasets/read-items-body';
import { listDatasetsQuerySchema } from '@/lib/datasets/schemas';

// GET /api/v1/datasets – newest updated first; q matches the name
export const GET = withWorkspace(async ({ req, workspace }) => ok(await listDatasetViews({ workspaceId: workspace.id, ...parseQuery(req, listDatasetsQuerySchema) })));

// POST /api/v1/datasets – a dataset, optionally with its first items (up to 10,000, in one transaction)
export const POST = withWorkspace(async ({ req, workspace, caller }) => {
  const input = await readNewDatasetBody(req);
  return ok(await createDataset({ workspaceId: workspace.id, userId: caller.user.id, input }), { status: 201 });
});
