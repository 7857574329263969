import { readJson } from '@/lib/api/read-json';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { renderPromptBySlug } from '@/lib/delivery/render-prompt';
import { renderPromptBodySchema } from '@/lib/delivery/schemas';

// POST /api/v1/prompts/by-slug/{slug}/render – the resolved version rendered, in OpenAI and Anthropic shapes.
// It writes nothing, so viewers (and their API keys) may render as they may read.
export const POST = withWorkspace<{ slug: string }>(
  async ({ req, params, workspace }) => {
    const input = await readJson(req, renderPromptBodySchema);
    return ok(await renderPromptBySlug({ workspaceId: workspace.id, slug: params.slug, ...input }));
  },
  { minRole: 'viewer' },
);
