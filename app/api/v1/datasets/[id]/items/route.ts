import { parseQuery } from '@/lib/api/query-params';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { addItems, addRunAsItem, listItems, requireDataset } from '@/lib/datasets/datasets';
import { readAddItemsBody } from '@/lib/datasets/read-items-body';
import { listItemsQuerySchema } from '@/lib/datasets/schemas';

type Params = { id: string };

// GET /api/v1/datasets/{id}/items – in position order
export const GET = withWorkspace<Params>(async ({ req, params, workspace }) =>
  ok(await listItems({ workspaceId: workspace.id, datasetId: params.id, ...parseQuery(req, listItemsQuerySchema) })),
);

// POST /api/v1/datasets/{id}/items – one item, { items: [...] } (up to 10,000), or { runId } to add a run
export const POST = withWorkspace<Params>(async ({ req, params, workspace }) => {
  // 404 before reading a large body for a dataset that is not there.
  await requireDataset({ workspaceId: workspace.id, id: params.id });
  const body = await readAddItemsBody(req);
  const added =
    body.kind === 'run'
      ? await addRunAsItem({ workspaceId: workspace.id, datasetId: params.id, runId: body.runId })
      : await addItems({ workspaceId: workspace.id, datasetId: params.id, items: body.items });
  return ok({ count: added.count, items: added.items }, { status: 201 });
});
