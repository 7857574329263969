import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { restoreVersion } from '@/lib/prompts/restore-version';
import { restoreSchema } from '@/lib/prompts/schemas';

// POST /api/v1/prompts/{id}/restore { versionNumber } – appends a copy of that version and makes it current
export const POST = withWorkspace<{ id: string }>(async ({ req, params, workspace, caller }) => {
  const { versionNumber } = await readJson(req, restoreSchema);
  const version = await restoreVersion({ promptId: params.id, workspaceId: workspace.id, userId: caller.user.id, versionNumber });
  return ok(version, { status: 201 });
});
