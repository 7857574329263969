import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { removeInputSet } from '@/lib/prompts/input-sets';

type Params = { id: string; setId: string };

// DELETE /api/v1/prompts/{id}/input-sets/{setId}
export const DELETE = withWorkspace<Params>(async ({ params, workspace }) =>
  ok(await removeInputSet({ promptId: params.id, workspaceId: workspace.id, id: params.setId })),
);
