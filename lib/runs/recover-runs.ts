import { listStaleRuns } from '@/db/queries/runs';
import { dispatch, runsJob } from '@/lib/queue';

/**
 * Re-dispatches runs that a crash or a lost delivery left behind: queued and due for longer than
 * `queuedForMs`, or running past their lease. Claiming makes a redundant delivery harmless.
 */
export async function recoverRuns({ queuedForMs = 60_000, limit = 200 } = {}): Promise<{ redispatched: number }> {
  const stale = await listStaleRuns({ queuedFor: queuedForMs, limit });
  const bucket = Math.floor(Date.now() / queuedForMs);
  let redispatched = 0;
  for (const run of stale) {
    try {
      // A fresh deduplication id per window: the original id would be suppressed as a duplicate.
      await dispatch(runsJob, { runId: run.id }, { deduplicationId: `${run.id}:recover:${bucket}` });
      redispatched++;
    } catch (error) {
      console.error('[runs] recovery could not dispatch', run.id, error);
    }
  }
  if (stale.length > 0) console.log(`[runs] recovery re-dispatched ${redispatched} of ${stale.length} stale run(s)`);
  return { redispatched };
}
