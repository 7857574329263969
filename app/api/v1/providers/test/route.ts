import { readJson } from '@/lib/api/read-json';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { testConnectionSchema } from '@/lib/providers/credentials';
import { testProviderConnection } from '@/lib/providers/test-connection';

// POST /api/v1/providers/test – "Test connection": list the models with a configured provider or with unsaved values
export const POST = withWorkspace(async ({ req, caller }) => {
  const input = await readJson(req, testConnectionSchema);
  return ok(await testProviderConnection(caller, input));
});
