import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { redeliver } from '@/lib/webhooks/webhooks';

// POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver – the same event (same id and body) as a new delivery
export const POST = withWorkspace<{ id: string; deliveryId: string }>(
  async ({ params, workspace }) => ok(await redeliver({ workspaceId: workspace.id, id: params.id, deliveryId: params.deliveryId }), { status: 202 }),
  { minRole: 'admin' },
);
