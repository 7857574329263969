import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { listVersionPage } from '@/lib/prompts/read-prompts';
import { saveVersion } from '@/lib/prompts/save-version';
import { listVersionsQuerySchema, newVersionSchema } from '@/lib/prompts/schemas';

type Params = { id: string };

// GET /api/v1/prompts/{id}/versions?cursor=&limit= – summaries, newest first
export const GET = withWorkspace<Params>(async ({ req, params, workspace }) => {
  const query = parseQuery(req, listVersionsQuerySchema);
  return ok(await listVersionPage({ promptId: params.id, workspaceId: workspace.id, ...query }));
});

// POST /api/v1/prompts/{id}/versions – save a new immutable version (409 when `baseVersionNumber` is stale)
export const POST = withWorkspace<Params>(async ({ req, params, workspace, caller }) => {
  const input = await readJson(req, newVersionSchema);
  return ok(await saveVersion({ promptId: params.id, workspaceId: workspace.id, userId: caller.user.id, input }), { status: 201 });
});
