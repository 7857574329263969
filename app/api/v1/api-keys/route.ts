import { createApiKeyRecord } from '@/db/queries/api-keys';
import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { listApiKeysFor, type ApiKeyListItem } from '@/lib/auth/api-key-access';
import { newApiKeySchema } from '@/lib/auth/api-key-schema';
import { generateApiKey } from '@/lib/auth/api-key-token';

// GET /api/v1/api-keys – viewers get their own keys, everyone else the workspace's
export const GET = withWorkspace(async ({ caller }) => ok(await listApiKeysFor(caller)));

// POST /api/v1/api-keys – the secret is in this response only; we keep its hash
export const POST = withWorkspace(async ({ req, workspace, caller }) => {
  const { name } = await readJson(req, newApiKeySchema);
  const { key, prefix, hashedKey } = generateApiKey();
  const record = await createApiKeyRecord({ workspaceId: workspace.id, userId: caller.user.id, name, prefix, hashedKey });
  const { id, name: ownerName, email } = caller.user;
  const created: ApiKeyListItem & { key: string } = { ...record, owner: { id, name: ownerName, email }, canRevoke: true, key };
  return ok(created, { status: 201 });
});
