import 'server-only';
import { getExperimentLanes } from '@/db/queries/experiments';
import { listStaleRuns } from '@/db/queries/run-execution';
import { recoverExperiments } from '@/lib/experiments/recover-experiments';
import { dispatch, isDispatchPending, runsJob } from '@/lib/queue';
import { recoverWebhookDeliveries } from '@/lib/webhooks/recover-deliveries';

/**
 * Re-dispatches runs that a crash or a lost delivery left behind: queued and due for longer than
 * `queuedForMs`, or running past their lease. Claiming makes a redundant delivery harmless; runs whose message
 * the local dispatcher still holds (waiting for a slot, retrying, in flight) are skipped, not sent twice.
 */
export async function recoverRuns({ queuedForMs = 60_000, limit = 200 } = {}): Promise<{ redispatched: number; pending: number }> {
  const stale = await listStaleRuns({ queuedFor: queuedForMs, limit });
  // An experiment's runs go back to its own lane (its concurrency ceiling), not the workspace's.
  const lanes = await getExperimentLanes({ ids: [...new Set(stale.flatMap((run) => (run.experimentId ? [run.experimentId] : [])))] });
  const bucket = Math.floor(Date.now() / queuedForMs);
  let redispatched = 0;
  let pending = 0;
  for (const run of stale) {
    try {
      // An experiment's run is dispatched naming its experiment: the same body is what the dispatcher holds.
      const payload = run.experimentId ? { runId: run.id, experimentId: run.experimentId } : { runId: run.id };
      if (isDispatchPending(runsJob, payload)) {
        pending++;
        continue;
      }
      // A fresh deduplication id per window: the original id would be suppressed as a duplicate.
      const lane = run.experimentId ? { key: run.experimentId, concurrency: lanes.get(run.experimentId) ?? 10 } : undefined;
      await dispatch(runsJob, payload, { deduplicationId: `${run.id}:recover:${bucket}`, fairnessKey: run.workspaceId, lane });
      redispatched++;
    } catch (error) {
      console.error('[runs] recovery could not dispatch', run.id, error);
    }
  }
  if (redispatched > 0) console.log(`[runs] recovery re-dispatched ${redispatched} of ${stale.length} stale run(s)`);
  // Experiments left behind (a lost launch, cells never scored, a local queue lost in a restart): they log their own.
  await recoverExperiments({ olderThanMs: queuedForMs }).catch((error: unknown) => console.error('[experiments] recovery failed', error));
  await recoverWebhookDeliveries({ quietForMs: queuedForMs }).catch((error: unknown) => console.error('[webhooks] recovery failed', error));
  return { redispatched, pending };
}
