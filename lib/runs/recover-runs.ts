import 'server-only';
import { listStaleRuns } from '@/db/queries/run-execution';
import { dispatch, isDispatchPending, runsJob } from '@/lib/queue';

/**
 * Re-dispatches runs that a crash or a lost delivery left behind: queued and due for longer than
 * `queuedForMs`, or running past their lease. Claiming makes a redundant delivery harmless; runs whose message
 * the local dispatcher still holds (waiting for a slot, retrying, in flight) are skipped, not sent twice.
 */
export async function recoverRuns({ queuedForMs = 60_000, limit = 200 } = {}): Promise<{ redispatched: number; pending: number }> {
  const stale = await listStaleRuns({ queuedFor: queuedForMs, limit });
  const bucket = Math.floor(Date.now() / queuedForMs);
  let redispatched = 0;
  let pending = 0;
  for (const run of stale) {
    try {
      if (isDispatchPending(runsJob, { runId: run.id })) {
        pending++;
        continue;
      }
      // A fresh deduplication id per window: the original id would be suppressed as a duplicate.
      await dispatch(runsJob, { runId: run.id }, { deduplicationId: `${run.id}:recover:${bucket}`, fairnessKey: run.workspaceId });
      redispatched++;
    } catch (error) {
      console.error('[runs] recovery could not dispatch', run.id, error);
    }
  }
  if (redispatched > 0) console.log(`[runs] recovery re-dispatched ${redispatched} of ${stale.length} stale run(s)`);
  return { redispatched, pending };
}
