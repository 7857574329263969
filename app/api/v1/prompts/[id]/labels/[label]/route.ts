import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { deleteLabel } from '@/lib/labels/delete-label';
import { labelActor } from '@/lib/labels/label-rules';
import { moveLabel } from '@/lib/labels/move-label';
import { labelParamsSchema, putLabelSchema } from '@/lib/labels/schemas';

type Params = { id: string; label: string };

// PUT /api/v1/prompts/{id}/labels/{label} { versionNumber } | { split } – creates (201) or moves the label: a deployment
export const PUT = withWorkspace<Params>(async ({ req, params, workspace, caller }) => {
  const { label } = labelParamsSchema.parse(params);
  const input = await readJson(req, putLabelSchema);
  const { created, ...result } = await moveLabel({ workspaceId: workspace.id, promptId: params.id, name: label, input, actor: labelActor(caller) });
  return ok(result, { status: created ? 201 : 200 });
});

// DELETE /api/v1/prompts/{id}/labels/{label} – recorded as a `delete` deployment, which a rollback undoes
export const DELETE = withWorkspace<Params>(async ({ params, workspace, caller }) => {
  const { label } = labelParamsSchema.parse(params);
  return ok(await deleteLabel({ workspaceId: workspace.id, promptId: params.id, name: label, actor: labelActor(caller) }));
});
