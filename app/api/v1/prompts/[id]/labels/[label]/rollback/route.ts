import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { labelActor } from '@/lib/labels/label-rules';
import { rollbackLabel } from '@/lib/labels/rollback-label';
import { labelParamsSchema, rollbackLabelSchema } from '@/lib/labels/schemas';

// POST /api/v1/prompts/{id}/labels/{label}/rollback { note? } – back to where the label's latest move took it from
export const POST = withWorkspace<{ id: string; label: string }>(async ({ req, params, workspace, caller }) => {
  const { label } = labelParamsSchema.parse(params);
  // The body is optional: a bare POST rolls back without a note.
  const hasBody = req.body !== null && req.headers.get('content-length') !== '0';
  const { note } = hasBody ? await readJson(req, rollbackLabelSchema) : {};
  return ok(await rollbackLabel({ workspaceId: workspace.id, promptId: params.id, name: label, note, actor: labelActor(caller) }));
});
