import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { createPrompt } from '@/lib/prompts/create-prompt';
import { listPromptPage } from '@/lib/prompts/read-prompts';
import { listPromptsQuerySchema, newPromptSchema } from '@/lib/prompts/schemas';

// GET /api/v1/prompts?q=&tag=&cursor=&limit= – newest-updated first, keyset-paginated
export const GET = withWorkspace(async ({ req, workspace }) => {
  const query = parseQuery(req, listPromptsQuerySchema);
  return ok(await listPromptPage({ workspaceId: workspace.id, ...query }));
});

// POST /api/v1/prompts – create a prompt and its version 1
export const POST = withWorkspace(async ({ req, workspace, caller }) => {
  const input = await readJson(req, newPromptSchema);
  const prompt = await createPrompt({ workspaceId: workspace.id, userId: caller.user.id, input });
  return ok(prompt, { status: 201 });
});
