import { withWorkspace } from '@/lib/api/with-workspace';
import { openProgressStream } from '@/lib/experiments/progress-stream';

export const dynamic = 'force-dynamic';
export const maxDuration = 300;

// GET /api/v1/experiments/{id}/stream – Server-Sent Events: `progress` while cells finish, then `done`
export const GET = withWorkspace<{ id: string }>(async ({ req, params, workspace }) => {
  const body = await openProgressStream({ id: params.id, workspaceId: workspace.id, signal: req.signal });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
  });
});
