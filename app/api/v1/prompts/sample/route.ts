import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { ensureSampleDataset } from '@/lib/datasets/create-sample-dataset';
import { ensureSamplePrompt } from '@/lib/prompts/create-sample-prompt';

// POST /api/v1/prompts/sample – the first-run sample: 201 when made now, 200 with the existing one otherwise.
// Its sample dataset comes along, so "Test" has cases to run at once (as `npm run db:seed` does).
export const POST = withWorkspace(async ({ workspace, caller }) => {
  const { prompt, created } = await ensureSamplePrompt({ workspaceId: workspace.id, userId: caller.user.id });
  // A bonus: the prompt is made either way (a workspace at its dataset cap still gets its sample prompt).
  await ensureSampleDataset({ workspaceId: workspace.id, userId: caller.user.id }).catch((error: unknown) =>
    console.warn('[sample] could not add the sample dataset', error instanceof Error ? error.message : error),
  );
  return ok(prompt, { status: created ? 201 : 200 });
});
