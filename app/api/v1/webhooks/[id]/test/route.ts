import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { readTestEventBody } from '@/lib/webhooks/read-test-body';
import { sendTestEvent } from '@/lib/webhooks/webhooks';

// POST /api/v1/webhooks/{id}/test – queues a test event (`ping` by default); the delivery log shows how it went
export const POST = withWorkspace<{ id: string }>(
  async ({ req, params, workspace }) => {
    const { event } = await readTestEventBody(req);
    return ok(await sendTestEvent({ workspaceId: workspace.id, id: params.id, event }), { status: 202 });
  },
  { minRole: 'admin' },
);
