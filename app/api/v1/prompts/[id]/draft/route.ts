import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { discardDraft, getDraft, saveDraft, saveDraftSchema } from '@/lib/prompts/drafts';

type Params = { id: string };

// GET /api/v1/prompts/{id}/draft – the caller's unsaved editor state, or null
export const GET = withWorkspace<Params>(async ({ params, workspace, caller }) =>
  ok(await getDraft({ promptId: params.id, workspaceId: workspace.id, userId: caller.user.id })),
);

// PUT /api/v1/prompts/{id}/draft – autosave: replaces the caller's draft, answers { updatedAt }
export const PUT = withWorkspace<Params>(async ({ req, params, workspace, caller }) => {
  const input = await readJson(req, saveDraftSchema);
  return ok(await saveDraft({ promptId: params.id, workspaceId: workspace.id, userId: caller.user.id, input }));
});

// DELETE /api/v1/prompts/{id}/draft – after a save or "Discard"; deleting no draft is fine too
export const DELETE = withWorkspace<Params>(async ({ params, workspace, caller }) =>
  ok(await discardDraft({ promptId: params.id, workspaceId: workspace.id, userId: caller.user.id })),
);
