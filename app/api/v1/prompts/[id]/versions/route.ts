import { listPromptVersions } from '@/db/queries/prompt-versions';
import { createPromptVersion, getPromptById } from '@/db/queries/prompts';
import { isUuid } from '@/lib/ids';
import { notFound } from '@/lib/api/errors';
import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { newVersionSchema } from '@/lib/prompts/schemas';

type Params = { id: string };

// GET /api/v1/prompts/{id}/versions – newest first
export const GET = withWorkspace<Params>(async ({ params, workspace }) => {
  if (!isUuid(params.id) || !(await getPromptById({ id: params.id, workspaceId: workspace.id }))) throw notFound('Prompt');
  return ok(await listPromptVersions({ promptId: params.id, workspaceId: workspace.id }));
});

// POST /api/v1/prompts/{id}/versions – save a new immutable version
export const POST = withWorkspace<Params>(async ({ req, params, workspace, caller }) => {
  const input = await readJson(req, newVersionSchema);
  const version = await createPromptVersion({ promptId: params.id, workspaceId: workspace.id, userId: caller.user.id, input });
  if (!version) throw notFound('Prompt');
  return ok(version, { status: 201 });
});
