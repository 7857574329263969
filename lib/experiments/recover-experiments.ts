import 'server-only';
import { listExperimentsToRelaunch } from '@/db/queries/experiment-cells';
import { dispatch, experimentsJob, isDispatchPending } from '@/lib/queue';

/**
 * Launches again the experiments a crash or a lost message left behind: cells without a run, or cells whose run is
 * final but that were never scored. The launch goes on from where it stopped (a cell gets at most one run, and only
 * a pending cell is recorded), so a redundant launch is harmless; one still on its way locally is not sent twice.
 * Lost run deliveries are recoverRuns' (lib/runs/recover-runs.ts), which calls this.
 */
export async function recoverExperiments({ olderThanMs = 60_000, limit = 50 } = {}): Promise<number> {
  const stale = await listExperimentsToRelaunch({ olderThanMs, limit });
  const bucket = Math.floor(Date.now() / olderThanMs);
  let relaunched = 0;
  for (const { id, workspaceId } of stale) {
    const payload = { experimentId: id, action: 'launch' as const };
    try {
      if (isDispatchPending(experimentsJob, payload)) continue;
      await dispatch(experimentsJob, payload, { deduplicationId: `launch:${id}:recover:${bucket}`, fairnessKey: workspaceId });
      relaunched++;
    } catch (error) {
      console.error('[experiments] recovery could not launch', id, error);
    }
  }
  if (relaunched > 0) console.log(`[experiments] recovery launched ${relaunched} experiment(s) again`);
  return relaunched;
}
