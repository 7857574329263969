import { deletePrompt, getPromptById, updatePrompt } from '@/db/queries/prompts';
import { notFound } from '@/lib/api/errors';
import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { updatePromptSchema } from '@/lib/prompts/schemas';

type Params = { id: string };

export const GET = withWorkspace<Params>(async ({ params, workspace }) => {
  const prompt = await getPromptById({ id: params.id, workspaceId: workspace.id });
  if (!prompt) throw notFound('Prompt');
  return ok(prompt);
});

// PATCH changes metadata only; content changes are new versions.
export const PATCH = withWorkspace<Params>(async ({ req, params, workspace }) => {
  const input = await readJson(req, updatePromptSchema);
  const prompt = await updatePrompt({ id: params.id, workspaceId: workspace.id, input });
  if (!prompt) throw notFound('Prompt');
  return ok(prompt);
});

export const DELETE = withWorkspace<Params>(async ({ params, workspace }) => {
  if (!(await deletePrompt({ id: params.id, workspaceId: workspace.id }))) throw notFound('Prompt');
  return ok({ id: params.id, deleted: true });
});
