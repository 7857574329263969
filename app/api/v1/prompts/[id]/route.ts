import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { removePrompt } from '@/lib/prompts/delete-prompt';
import { getPrompt } from '@/lib/prompts/read-prompts';
import { updatePromptSchema } from '@/lib/prompts/schemas';
import { updatePrompt } from '@/lib/prompts/update-prompt';

type Params = { id: string };

export const GET = withWorkspace<Params>(async ({ params, workspace }) => ok(await getPrompt({ id: params.id, workspaceId: workspace.id })));

// PATCH changes metadata only; content changes are new versions.
export const PATCH = withWorkspace<Params>(async ({ req, params, workspace }) => {
  const input = await readJson(req, updatePromptSchema);
  return ok(await updatePrompt({ id: params.id, workspaceId: workspace.id, input }));
});

export const DELETE = withWorkspace<Params>(async ({ params, workspace }) => ok(await removePrompt({ id: params.id, workspaceId: workspace.id })));
