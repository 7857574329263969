import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { withWorkspace } from '@/lib/api/with-workspace';
import { compareExperimentVariants } from '@/lib/experiments/read-experiment';
import { compareQuerySchema } from '@/lib/experiments/schemas';

// GET /api/v1/experiments/{id}/compare?a=&b= – two variants paired by item and repeat, with a verdict
export const GET = withWorkspace<{ id: string }>(async ({ req, params, workspace }) => {
  const { a, b } = parseQuery(req, compareQuerySchema);
  return ok(await compareExperimentVariants({ id: params.id, workspaceId: workspace.id, a, b }));
});
