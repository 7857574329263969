import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { importDatasetFile } from '@/lib/datasets/import-file';

// POST /api/v1/datasets/{id}/import?mode=append|replace&map.<column>=<target> – the body is a CSV, JSONL or JSON file
export const POST = withWorkspace<{ id: string }>(async ({ req, params, workspace }) =>
  ok(await importDatasetFile({ workspaceId: workspace.id, datasetId: params.id, req }), { status: 201 }),
);
