import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { withWorkspace } from '@/lib/api/with-workspace';
import { diffVersions } from '@/lib/diff/version-diff';
import { getVersion } from '@/lib/prompts/read-prompts';
import { diffQuerySchema } from '@/lib/prompts/schemas';

// GET /api/v1/prompts/{id}/diff?from=1&to=2 – line diff of both prompts plus changed settings
export const GET = withWorkspace<{ id: string }>(async ({ req, params, workspace }) => {
  const { from, to } = parseQuery(req, diffQuerySchema);
  const [a, b] = await Promise.all(
    [from, to].map((versionNumber) => getVersion({ promptId: params.id, workspaceId: workspace.id, versionNumber })),
  );
  return ok({ from, to, ...diffVersions(a!, b!) });
});
