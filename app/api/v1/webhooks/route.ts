import { readJson } from '@/lib/api/read-json';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { createWebhookSchema } from '@/lib/webhooks/schemas';
import { createWebhook, listWebhookViews } from '@/lib/webhooks/webhooks';

// GET /api/v1/webhooks – the workspace's webhooks, newest first (never their secrets)
export const GET = withWorkspace(async ({ workspace }) => ok({ items: await listWebhookViews({ workspaceId: workspace.id }) }));

// POST /api/v1/webhooks – a webhook; the answer shows its signing secret, once
export const POST = withWorkspace(
  async ({ req, workspace, caller }) => {
    const input = await readJson(req, createWebhookSchema);
    return ok(await createWebhook({ workspaceId: workspace.id, userId: caller.user.id, input }), { status: 201 });
  },
  { minRole: 'admin' },
);
