import { z } from 'zod';
import { createApiKeyRecord, listApiKeys } from '@/db/queries/api-keys';
import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { generateApiKey } from '@/lib/auth/api-key-token';

const newKeySchema = z.strictObject({ name: z.string().trim().min(1, 'is required').max(100) });

export const GET = withWorkspace(async ({ workspace }) => ok(await listApiKeys({ workspaceId: workspace.id })));

// POST /api/v1/api-keys – the secret is in this response only; we keep its hash
export const POST = withWorkspace(async ({ req, workspace, caller }) => {
  const { name } = await readJson(req, newKeySchema);
  const { key, prefix, hashedKey } = generateApiKey();
  const record = await createApiKeyRecord({ workspaceId: workspace.id, userId: caller.user.id, name, prefix, hashedKey });
  return ok({ ...record, key }, { status: 201 });
});
