import { readJson } from '@/lib/api/read-json';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { removeItem, updateItem } from '@/lib/datasets/datasets';
import { updateItemSchema } from '@/lib/datasets/schemas';

type Params = { id: string; itemId: string };

// PATCH /api/v1/datasets/{id}/items/{itemId} – experiments that ran the item keep what they ran
export const PATCH = withWorkspace<Params>(async ({ req, params, workspace }) => {
  const patch = await readJson(req, updateItemSchema);
  return ok(await updateItem({ workspaceId: workspace.id, datasetId: params.id, itemId: params.itemId, patch }));
});

// DELETE /api/v1/datasets/{id}/items/{itemId}
export const DELETE = withWorkspace<Params>(async ({ params, workspace }) =>
  ok(await removeItem({ workspaceId: workspace.id, datasetId: params.id, itemId: params.itemId })),
);
