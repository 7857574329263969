import 'server-only';
import { listExperimentsToRelaunch, listRunningExperiments } from '@/db/queries/experiment-cells';
import { listStaleExperimentRuns } from '@/db/queries/experiment-runs';
import { env } from '@/lib/env';
import { dispatch, dispatchMany, experimentsJob, isDispatchPending, runsJob } from '@/lib/queue';

// Runs of one experiment re-dispatched per pass: the local dispatcher lost them all in a restart.
const MAX_RUNS_PER_EXPERIMENT = 20_000;

/**
 * Launches again the experiments a crash or a lost message left behind: cells without a run, or cells whose run is
 * final but that were never scored. The launch goes on from where it stopped (a cell gets at most one run, and only
 * a pending cell is recorded), so a redundant launch is harmless; one still on its way locally is not sent twice.
 * Without QStash, a restart also loses every queued delivery: the experiment's stale runs go back to its lane in
 * bulk (recoverRuns alone takes 200 a pass). QStash keeps its messages through our restarts; there recoverRuns is
 * the net for publishes that failed.
 */
export async function recoverExperiments({ olderThanMs = 60_000, limit = 50 } = {}): Promise<number> {
  const bucket = Math.floor(Date.now() / olderThanMs);
  if (!env().qstash) await redispatchLostRuns({ queuedForMs: olderThanMs, bucket, limit });
  const stale = await listExperimentsToRelaunch({ olderThanMs, limit });
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

async function redispatchLostRuns({ queuedForMs, bucket, limit }: { queuedForMs: number; bucket: number; limit: number }) {
  for (const experiment of await listRunningExperiments({ limit })) {
    const lost = (await listStaleExperimentRuns({ experimentId: experiment.id, queuedForMs, limit: MAX_RUNS_PER_EXPERIMENT })).filter(
      (runId) => !isDispatchPending(runsJob, { runId, experimentId: experiment.id }),
    );
    if (lost.length === 0) continue;
    // The same id recoverRuns would give, so the two never deliver one run twice in a window.
    await dispatchMany(runsJob, lost.map((runId) => ({ runId, experimentId: experiment.id })), {
      lane: { key: experiment.id, concurrency: experiment.concurrency },
      deduplicationId: ({ runId }) => `${runId}:recover:${bucket}`,
    });
    console.log(`[experiments] recovery re-dispatched ${lost.length} run(s) of experiment ${experiment.id}`);
  }
}
