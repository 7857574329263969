import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { withWorkspace } from '@/lib/api/with-workspace';
import { listExperimentPage } from '@/lib/experiments/read-experiment';
import { listExperimentsQuerySchema } from '@/lib/experiments/schemas';

// POST: H4 (createExperiment).

// GET /api/v1/experiments?datasetId=&promptId=&status=&cursor=&limit= – newest first
export const GET = withWorkspace(async ({ req, workspace }) => {
  const query = parseQuery(req, listExperimentsQuerySchema);
  return ok(await listExperimentPage({ workspaceId: workspace.id, ...query }));
});
