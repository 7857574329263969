import { parseQuery } from '@/lib/api/query-params';
import { withWorkspace } from '@/lib/api/with-workspace';
import { etagMatches } from '@/lib/delivery/etag';
import { resolvePrompt } from '@/lib/delivery/resolve-prompt';
import { resolvePromptQuerySchema } from '@/lib/delivery/schemas';

// Clients may keep it, but must ask again (If-None-Match) before each use: a label can move at any time.
const CACHE_CONTROL = 'private, max-age=0, must-revalidate';

// GET /api/v1/prompts/by-slug/{slug}?label=production|version=N&key= – the resolved version for apps; 304 on a matching ETag
export const GET = withWorkspace<{ slug: string }>(async ({ req, params, workspace }) => {
  const query = parseQuery(req, resolvePromptQuerySchema);
  const served = await resolvePrompt({ workspaceId: workspace.id, slug: params.slug, ...query });
  const headers = { etag: served.etag, 'cache-control': CACHE_CONTROL };
  if (etagMatches(req.headers.get('if-none-match'), served.etag)) return new Response(null, { status: 304, headers });
  // The body was serialised once, when this (label, version) was first served.
  return new Response(served.body, { headers: { ...headers, 'content-type': 'application/json' } });
});
