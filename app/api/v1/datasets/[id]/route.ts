import { readJson } from '@/lib/api/read-json';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { getDatasetDetail, removeDataset, renameDataset } from '@/lib/datasets/datasets';
import { updateDatasetSchema } from '@/lib/datasets/schemas';

type Params = { id: string };

// GET /api/v1/datasets/{id} – with the variables its items fill
export const GET = withWorkspace<Params>(async ({ params, workspace }) => ok(await getDatasetDetail({ workspaceId: workspace.id, id: params.id })));

// PATCH /api/v1/datasets/{id} – name and description
export const PATCH = withWorkspace<Params>(async ({ req, params, workspace }) => {
  const patch = await readJson(req, updateDatasetSchema);
  return ok(await renameDataset({ workspaceId: workspace.id, id: params.id, patch }));
});

// DELETE /api/v1/datasets/{id} – experiments keep the items they ran (their snapshot); their datasetId becomes null
export const DELETE = withWorkspace<Params>(async ({ params, workspace }) => ok(await removeDataset({ workspaceId: workspace.id, id: params.id })));
