import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { saveInputSetSchema } from '@/lib/prompts/input-set-schema';
import { listInputSetViews, saveInputSet } from '@/lib/prompts/input-sets';

type Params = { id: string };

// GET /api/v1/prompts/{id}/input-sets – every saved set of variable values, by name
export const GET = withWorkspace<Params>(async ({ params, workspace }) => ok(await listInputSetViews({ promptId: params.id, workspaceId: workspace.id })));

// POST /api/v1/prompts/{id}/input-sets – save { name, values }: 201 when new, 200 when it replaced that name
export const POST = withWorkspace<Params>(async ({ req, params, workspace, caller }) => {
  const input = await readJson(req, saveInputSetSchema);
  const { set, created } = await saveInputSet({ promptId: params.id, workspaceId: workspace.id, userId: caller.user.id, input });
  return ok(set, { status: created ? 201 : 200 });
});
