import { revokeApiKey } from '@/db/queries/api-keys';
import { isUuid } from '@/lib/ids';
import { notFound } from '@/lib/api/errors';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';

// DELETE /api/v1/api-keys/{id} – revoke; the key stops working at once
export const DELETE = withWorkspace<{ id: string }>(async ({ params, workspace }) => {
  const revoked = isUuid(params.id) ? await revokeApiKey({ id: params.id, workspaceId: workspace.id }) : null;
  if (!revoked) throw notFound('API key');
  return ok(revoked);
});
