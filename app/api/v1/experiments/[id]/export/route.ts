import { parseQuery } from '@/lib/api/query-params';
import { withWorkspace } from '@/lib/api/with-workspace';
import { exportExperiment } from '@/lib/experiments/export-experiment';
import { experimentExportQuerySchema } from '@/lib/experiments/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/experiments/{id}/export?format=csv|json – the experiment as a file (items, cells, summary)
export const GET = withWorkspace<{ id: string }>(async ({ req, params, workspace }) => {
  const { format } = parseQuery(req, experimentExportQuerySchema);
  const file = await exportExperiment({ id: params.id, workspaceId: workspace.id, format });
  return new Response(file.body, {
    headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' },
  });
});
