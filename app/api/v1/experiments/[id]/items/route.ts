import { z } from 'zod';
import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { withWorkspace } from '@/lib/api/with-workspace';
import { listItemPage } from '@/lib/experiments/read-experiment';

const itemsQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

// GET /api/v1/experiments/{id}/items?cursor=&limit= – the items it ran, as they were then, in position order
export const GET = withWorkspace<{ id: string }>(async ({ req, params, workspace }) => {
  const query = parseQuery(req, itemsQuerySchema);
  return ok(await listItemPage({ id: params.id, workspaceId: workspace.id, ...query }));
});
