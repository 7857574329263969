import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { listExperimentPage } from '@/lib/experiments/read-experiment';
import { createExperimentSchema, listExperimentsQuerySchema } from '@/lib/experiments/schemas';

// POST /api/v1/experiments – check, record the experiment with its cells, hand off its launch; 202 { id, status, totalCells, reusedCells }
export const POST = withWorkspace(async ({ req, caller }) => {
  const input = await readJson(req, createExperimentSchema);
  const { id, status, totalCells, reusedCells } = await createExperiment({ caller, input });
  return ok({ id, status, totalCells, reusedCells }, { status: 202 });
});

// GET /api/v1/experiments?datasetId=&promptId=&status=&cursor=&limit= – newest first
export const GET = withWorkspace(async ({ req, workspace }) => {
  const query = parseQuery(req, listExperimentsQuerySchema);
  return ok(await listExperimentPage({ workspaceId: workspace.id, ...query }));
});
