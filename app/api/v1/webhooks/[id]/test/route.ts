import { readJson } from '@/lib/api/read-json';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { testWebhookSchema } from '@/lib/webhooks/schemas';
import { sendTestEvent } from '@/lib/webhooks/webhooks';

// POST /api/v1/webhooks/{id}/test – queues a test event (`ping` by default); the delivery log shows how it went
export const POST = withWorkspace<{ id: string }>(
  async ({ req, params, workspace }) => {
    // An empty body is a ping.
    const body = req.headers.get('content-length') === '0' || !req.body ? { event: 'ping' as const } : await readJson(req, testWebhookSchema);
    const { event } = testWebhookSchema.parse(body);
    return ok(await sendTestEvent({ workspaceId: workspace.id, id: params.id, event }), { status: 202 });
  },
  { minRole: 'admin' },
);
