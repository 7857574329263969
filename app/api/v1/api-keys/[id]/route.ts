import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { revokeApiKeyAs } from '@/lib/auth/api-key-access';

// DELETE /api/v1/api-keys/{id} – revoke; the key stops working at once. Viewers may revoke their own keys.
export const DELETE = withWorkspace<{ id: string }>(async ({ params, caller }) => ok(await revokeApiKeyAs(caller, params.id)), {
  minRole: 'viewer',
});
