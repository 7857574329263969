import 'server-only';
import { getRunWithPromptTitle, type RunWithPromptTitle } from '@/db/queries/runs';
import { waitForRunEvents } from '@/lib/run-channel';
import { isActiveRunStatus } from './statuses';

// Each wait on the run's channel is at most this long: an aborted request stops within it, leaving nothing behind.
const SLICE_MS = 1_000;

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
  for (;;) {
    if (read) {
      row = await getRunWithPromptTitle({ id: runId, workspaceId });
      if (!row || !isActiveRunStatus(row.run.status)) return row;
    }
    const left = deadline - Date.now();
    if (left <= 0 || signal?.aborted) return row;
    try {
      const { events } = await waitForRunEvents(runId, cursor, Math.min(SLICE_MS, left));
      cursor = events.at(-1)?.id ?? cursor;
      // Output deltas alone do not change the status: keep waiting without a query.
      read = events.length === 0 || events.some(({ event }) => event.type !== 'delta');
    } catch (error) {
      // The channel failed (Redis): fall back to reading the row each slice.
      console.warn('[runs] waiting on the run channel failed; polling the run', runId, error instanceof Error ? error.message : error);
      await new Promise((resolve) => setTimeout(resolve, Math.min(SLICE_MS, left)));
      read = true;
    }
  }
}
