import 'server-only';
import { getExperimentProgressRow, type ExperimentProgressRow } from '@/db/queries/experiment-reads';
import { notFound } from '@/lib/api/errors';
import { etaSeconds } from './eta';
import type { ExperimentProgress } from './types';
import { progressOf } from './views';

export const POLL_MS = 500;
export const HEARTBEAT_MS = 15_000;
/** The client (EventSource) reconnects after this; a serverless function's time stays bounded. */
export const MAX_STREAM_MS = 5 * 60_000;

const FINAL = new Set(['completed', 'canceled']);

export type ProgressEvent = {
  type: 'progress' | 'done';
  status: ExperimentProgressRow['status'];
  progress: ExperimentProgress;
  costUsd: number;
  reusedCells: number;
  stopReason: ExperimentProgressRow['stopReason'];
  startedAt: Date | null;
  finishedAt: Date | null;
  etaSeconds: number | null;
};

export function progressEvent(row: ExperimentProgressRow, now: Date): ProgressEvent {
  const progress = progressOf(row);
  const final = FINAL.has(row.status);
  // Reused cells finish at once: counting them would flatter the pace.
  const done = Math.max(0, progress.total - progress.pending - row.reusedCells);
  return {
    type: final ? 'done' : 'progress',
    status: row.status,
    progress,
    costUsd: row.costUsd,
    reusedCells: row.reusedCells,
    stopReason: row.stopReason,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    etaSeconds: final ? 0 : etaSeconds({ startedAt: row.startedAt, now, done, total: progress.total - row.reusedCells }),
  };
}

const format = (event: ProgressEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Server-Sent Events for one experiment: `progress` whenever the row changed (polled every POLL_MS), `done`
 * once it is completed or canceled, a comment every HEARTBEAT_MS so proxies keep the connection. 404 (thrown)
 * before the stream opens when the experiment is not the workspace's.
 */
export async function openProgressStream(args: {
  id: string;
  workspaceId: string;
  signal: AbortSignal;
  /** Shorter in tests; the route uses the defaults. */
  timing?: { pollMs?: number; heartbeatMs?: number; maxMs?: number };
}): Promise<ReadableStream<Uint8Array>> {
  const { pollMs = POLL_MS, heartbeatMs = HEARTBEAT_MS, maxMs = MAX_STREAM_MS } = args.timing ?? {};
  const first = await getExperimentProgressRow(args);
  if (!first) throw notFound('Experiment');
  const encoder = new TextEncoder();
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  args.signal.addEventListener('abort', onAbort, { once: true });

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      const deadline = Date.now() + maxMs;
      let row: ExperimentProgressRow | null = first;
      let lastKey = '';
      let lastWrite = Date.now();
      try {
        while (row && !stop.signal.aborted) {
          const event = progressEvent(row, new Date());
          // What changed decides a message; the ETA alone moving is no news.
          const key = JSON.stringify({ ...event, etaSeconds: null });
          if (key !== lastKey || event.type === 'done') {
            send(format(event));
            lastKey = key;
            lastWrite = Date.now();
          }
          if (event.type === 'done' || Date.now() >= deadline) return;
          if (Date.now() - lastWrite >= heartbeatMs) {
            send(': keep-alive\n\n');
            lastWrite = Date.now();
          }
          await sleep(pollMs, stop.signal);
          if (stop.signal.aborted) return;
          row = await getExperimentProgressRow(args);
        }
      } catch (error) {
        console.error('[experiments] stream failed', args.id, error);
      } finally {
        args.signal.removeEventListener('abort', onAbort);
        try {
          controller.close();
        } catch {
          // Already closed by a cancel from the reader.
        }
      }
    },
    cancel() {
      stop.abort();
    },
  });
}
