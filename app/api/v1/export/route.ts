import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { exportWorkspaceBundle } from '@/lib/interop/export-bundle';

// GET /api/v1/export – the whole workspace as one PromptLab bundle, as a download
export const GET = withWorkspace(async ({ workspace }) => {
  const bundle = await exportWorkspaceBundle({ workspaceId: workspace.id, workspaceName: workspace.name });
  const day = bundle.exportedAt.slice(0, 10);
  return ok(bundle, { headers: { 'Content-Disposition': `attachment; filename="promptlab-export-${day}.json"` } });
});
