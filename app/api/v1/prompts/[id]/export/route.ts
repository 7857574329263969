import { notFound } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/query-params';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { exportPromptBundle } from '@/lib/interop/export-bundle';
import { promptMarkdown } from '@/lib/interop/export-prompt-markdown';
import { promptExportQuerySchema } from '@/lib/interop/schemas';

// GET /api/v1/prompts/{id}/export?format=json|markdown&runs=true – all versions, labels and deployments (runs: newest 1,000)
export const GET = withWorkspace<{ id: string }>(async ({ req, params, workspace }) => {
  const query = parseQuery(req, promptExportQuerySchema);
  const bundle = await exportPromptBundle({ workspaceId: workspace.id, workspaceName: workspace.name, promptId: params.id, runs: query.runs && query.format === 'json' });
  const [prompt] = bundle?.prompts ?? [];
  if (!bundle || !prompt) throw notFound('Prompt');
  if (query.format === 'markdown') {
    return new Response(promptMarkdown(prompt), {
      headers: { 'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': `attachment; filename="${prompt.slug}.md"` },
    });
  }
  return ok(bundle, { headers: { 'Content-Disposition': `attachment; filename="${prompt.slug}.promptlab.json"` } });
});
