import { parseQuery } from '@/lib/api/query-params';
import { withWorkspace } from '@/lib/api/with-workspace';
import { exportDataset } from '@/lib/datasets/export';
import { exportQuerySchema } from '@/lib/datasets/schemas';

// GET /api/v1/datasets/{id}/export?format=csv|jsonl – the file, which import reads back
export const GET = withWorkspace<{ id: string }>(async ({ req, params, workspace }) =>
  exportDataset({ workspaceId: workspace.id, datasetId: params.id, format: parseQuery(req, exportQuerySchema).format }),
);
