import { parseQuery } from '@/lib/api/query-params';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { listDeliveriesQuerySchema } from '@/lib/webhooks/schemas';
import { listDeliveryViews } from '@/lib/webhooks/webhooks';

// GET /api/v1/webhooks/{id}/deliveries – the delivery log, newest first, cursor paged
export const GET = withWorkspace<{ id: string }>(async ({ req, params, workspace }) =>
  ok(await listDeliveryViews({ workspaceId: workspace.id, id: params.id, ...parseQuery(req, listDeliveriesQuerySchema) })),
);
