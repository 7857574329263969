import { readJson } from '@/lib/api/read-json';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { updateWebhookSchema } from '@/lib/webhooks/schemas';
import { changeWebhook, getWebhookView, removeWebhook } from '@/lib/webhooks/webhooks';

type Params = { id: string };

// GET /api/v1/webhooks/{id}
export const GET = withWorkspace<Params>(async ({ params, workspace }) => ok(await getWebhookView({ workspaceId: workspace.id, id: params.id })));

// PATCH /api/v1/webhooks/{id} – url, events, description, enabled
export const PATCH = withWorkspace<Params>(
  async ({ req, params, workspace }) => {
    const input = await readJson(req, updateWebhookSchema);
    return ok(await changeWebhook({ workspaceId: workspace.id, id: params.id, input }));
  },
  { minRole: 'admin' },
);

// DELETE /api/v1/webhooks/{id} – the webhook and its delivery log
export const DELETE = withWorkspace<Params>(async ({ params, workspace }) => ok(await removeWebhook({ workspaceId: workspace.id, id: params.id })), {
  minRole: 'admin',
});
