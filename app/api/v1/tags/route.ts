import { listPromptTags } from '@/db/queries/prompts';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';

// GET /api/v1/tags – every tag used by the workspace's prompts
export const GET = withWorkspace(async ({ workspace }) => ok(await listPromptTags({ workspaceId: workspace.id })));
