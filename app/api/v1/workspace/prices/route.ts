import { readJson } from '@/lib/api/read-json';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { newWorkspacePriceSchema } from '@/lib/llm/workspace-price-schema';
import { createWorkspacePrice, listPriceViews } from '@/lib/llm/workspace-prices';

// GET /api/v1/workspace/prices – the workspace's own prices, which win over the built-in table
export const GET = withWorkspace(async ({ workspace }) => ok({ items: await listPriceViews(workspace.id) }));

// POST /api/v1/workspace/prices – a price for a provider/model from a date on; runs created from then on use it
export const POST = withWorkspace(
  async ({ req, workspace, caller }) => {
    const input = await readJson(req, newWorkspacePriceSchema);
    return ok(await createWorkspacePrice({ workspaceId: workspace.id, userId: caller.user.id, input }), { status: 201 });
  },
  { minRole: 'admin' },
);
