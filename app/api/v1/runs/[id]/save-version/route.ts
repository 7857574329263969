import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { saveRunAsVersion } from '@/lib/runs/save-run-version';
import { saveRunVersionSchema } from '@/lib/runs/schemas';

// POST /api/v1/runs/{id}/save-version { notes?, baseVersionNumber? } – a draft run's template becomes the next version
export const POST = withWorkspace<{ id: string }>(async ({ req, params, workspace, caller }) => {
  const input = await readJson(req, saveRunVersionSchema);
  const version = await saveRunAsVersion({ runId: params.id, workspaceId: workspace.id, userId: caller.user.id, input });
  return ok(version, { status: 201 });
});
