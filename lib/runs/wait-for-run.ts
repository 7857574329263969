import 'server-only';
import { getRunWithPromptTitle, type RunWithPromptTitle } from '@/db/queries/runs';
import { getRedis } from '@/lib/redis';
import { readRunEvents, waitForRunEvents, type RunEvents } from '@/lib/run-channel';
import { isActiveRunStatus } from './statuses';

// Each wait on the run's channel is at most this long: an aborted request stops within it, leaving nothing behind.
const SLICE_MS = 1_000;
// With Upstash the channel is polled (no blocking reads): every 250 ms per waiting request, not the SSE readers' 100 ms.
const UPSTASH_POLL_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The run's next events, or none after `ms`: woken by a publish in-process, polled (less often) with Upstash. */
async function nextEvents(runId: string, cursor: string | undefined, ms: number): Promise<RunEvents> {
  if (!getRedis()) return waitForRunEvents(runId, cursor, ms);
  const found = await readRunEvents(runId, cursor);
  if (found.events.length === 0) await sleep(Math.min(UPSTASH_POLL_MS, ms));
  return found;
}

/**
 * Holds until the run leaves queued/running, at most `waitMs` or until `signal` aborts, and answers the last row
 * read (final or not; null if it is gone). It wakes on the run's channel events (published by its executor) and
 * reads the row on a status or done event, or after a quiet slice (a run executed elsewhere, an expired channel).
 */
export async function waitForRun(args: { runId: string; workspaceId: string; waitMs: number; signal?: AbortSignal }): Promise<RunWithPromptTitle | null> {
  const { runId, workspaceId, signal } = args;
  const deadline = Date.now() + args.waitMs;
  let cursor: string | undefined;
  let row: RunWithPromptTitle | null = null;
  let read = true;
  let lastRead = 0;
  for (;;) {
    if (read) {
      lastRead = Date.now();
      row = await getRunWithPromptTitle({ id: runId, workspaceId });
      if (!row || !isActiveRunStatus(row.run.status)) return row;
    }
    const left = deadline - Date.now();
    if (left <= 0 || signal?.aborted) return row;
    try {
      const { events } = await nextEvents(runId, cursor, Math.min(SLICE_MS, left));
      cursor = events.at(-1)?.id ?? cursor;
      // Output deltas alone do not change the status: keep waiting without a query. A quiet slice (or, when
      // polling Upstash, a quiet second) reads the row, and so does the deadline.
      const now = Date.now();
      read =
        events.length === 0
          ? getRedis() === null || now - lastRead >= SLICE_MS || now >= deadline
          : events.some(({ event }) => event.type !== 'delta');
    } catch (error) {
      // The channel failed (Redis): fall back to reading the row each slice.
      console.warn('[runs] waiting on the run channel failed; polling the run', runId, error instanceof Error ? error.message : error);
      await sleep(Math.min(SLICE_MS, left));
      read = true;
    }
  }
}
