import { getRunProgress } from '@/db/queries/runs';
import { notFound } from '@/lib/api/errors';
import { withWorkspace } from '@/lib/api/with-workspace';
import { runChannelWorkspace, waitForRunEvents } from '@/lib/run-channel';

export const dynamic = 'force-dynamic';
export const maxDuration = 300;

const FINAL = new Set(['succeeded', 'failed', 'canceled']);
const MAX_STREAM_MS = 5 * 60_000;

const formatEvent = (id: string | null, type: string, data: unknown) => `${id ? `id: ${id}\n` : ''}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

// GET /api/v1/runs/{id}/stream – Server-Sent Events: the output so far, then the rest as it is produced.
// Reconnecting clients send Last-Event-ID (browsers do) or ?after= to resume where they left off.
export const GET = withWorkspace<{ id: string }>(async ({ req, params, workspace }) => {
  const runId = params.id;
  // A run this process created or executes has its workspace on its channel: no query needed to check tenancy.
  const owner = runChannelWorkspace(runId);
  const known = owner === undefined ? Boolean(await getRunProgress({ id: runId, workspaceId: workspace.id })) : owner === workspace.id;
  if (!known) throw notFound('Run');
  const resumeFrom = req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('after') ?? undefined;
  const encoder = new TextEncoder();

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      const sendEvent = (id: string | null, type: string, data: unknown) => send(formatEvent(id, type, data));
      let cursor = resumeFrom;
      let seen = Boolean(resumeFrom);
      const deadline = Date.now() + MAX_STREAM_MS;
      try {
        while (!req.signal.aborted && Date.now() < deadline) {
          const { events } = await waitForRunEvents(runId, cursor, 10_000);
          // One write for what arrived together.
          let batch = '';
          let done = false;
          for (const { id, event } of events) {
            batch += formatEvent(id, event.type, event);
            cursor = id;
            seen = true;
            if ((done = event.type === 'done')) break;
          }
          if (batch) send(batch);
          if (done) return;
          if (events.length > 0) continue;
          // Nothing new: the channel may have expired or never existed (cached runs). Fall back to the row.
          const latest = await getRunProgress({ id: runId, workspaceId: workspace.id });
          if (latest && FINAL.has(latest.status)) {
            if (!seen) sendEvent(null, 'snapshot', { type: 'snapshot', output: latest.output ?? '', status: latest.status });
            sendEvent(null, 'done', { type: 'done', status: latest.status });
            return;
          }
          send(': keep-alive\n\n');
        }
      } catch (error) {
        console.error('[runs] stream failed', runId, error);
      } finally {
        controller.close();
      }
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
  });
});
