import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { labelActor } from '@/lib/labels/label-rules';
import { readRollbackBody } from '@/lib/labels/read-rollback-body';
import { rollbackLabel } from '@/lib/labels/rollback-label';
import { labelParamsSchema } from '@/lib/labels/schemas';

// POST /api/v1/prompts/{id}/labels/{label}/rollback { note? } – undoes the label's latest move, rollback or deletion
export const POST = withWorkspace<{ id: string; label: string }>(async ({ req, params, workspace, caller }) => {
  const { label } = labelParamsSchema.parse(params);
  const { note } = await readRollbackBody(req);
  return ok(await rollbackLabel({ workspaceId: workspace.id, promptId: params.id, name: label, note, actor: labelActor(caller) }));
});
