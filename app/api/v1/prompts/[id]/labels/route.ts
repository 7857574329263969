import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { listLabels } from '@/lib/labels/read-labels';

// GET /api/v1/prompts/{id}/labels – the virtual `latest`, then the stored labels by name
export const GET = withWorkspace<{ id: string }>(async ({ params, workspace }) => ok(await listLabels({ workspaceId: workspace.id, promptId: params.id })));
