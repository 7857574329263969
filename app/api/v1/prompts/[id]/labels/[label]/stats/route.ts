import { parseQuery } from '@/lib/api/query-params';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { getLabelStats } from '@/lib/labels/label-stats';
import { labelStatsQuerySchema, readableLabelParamsSchema } from '@/lib/labels/schemas';

// GET /api/v1/prompts/{id}/labels/{label}/stats?days=30 – the label's versions compared on the runs made through it
export const GET = withWorkspace<{ id: string; label: string }>(async ({ req, params, workspace }) => {
  const { label } = readableLabelParamsSchema.parse(params);
  const { days } = parseQuery(req, labelStatsQuerySchema);
  return ok(await getLabelStats({ workspaceId: workspace.id, promptId: params.id, name: label, days }));
});
