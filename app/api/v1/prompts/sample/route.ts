import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { ensureSamplePrompt } from '@/lib/prompts/create-sample-prompt';

// POST /api/v1/prompts/sample – the first-run sample: 201 when made now, 200 with the existing one otherwise
export const POST = withWorkspace(async ({ workspace, caller }) => {
  const { prompt, created } = await ensureSamplePrompt({ workspaceId: workspace.id, userId: caller.user.id });
  return ok(prompt, { status: created ? 201 : 200 });
});
