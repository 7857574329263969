import 'server-only';
import { stopExperiment } from '@/db/queries/experiment-cells';
import { publishRunEvent } from '@/lib/run-channel';
import { abortExecution } from '@/lib/runs/abort-registry';
import { announceExperimentFinished } from '@/lib/webhooks/announce';
import { forgetExperimentGate } from './experiment-gate';

/**
 * Stops an experiment (a user's cancel, or its budget reached): the queued runs and the cells without a run end at
 * once; on cancel the running calls are aborted too (here; another instance's executor finds its run canceled when
 * it records). Null when the experiment was already final.
 */
export async function stopExperimentRuns({ experimentId, reason }: { experimentId: string; reason: 'canceled' | 'budget' }) {
  const stopped = await stopExperiment({ experimentId, reason });
  forgetExperimentGate(experimentId);
  if (!stopped) return null;
  announceExperimentFinished(stopped.experiment);
  for (const runId of stopped.runningRunIds) {
    abortExecution(runId);
    await publishRunEvent(runId, { type: 'done', status: 'canceled' });
  }
  return stopped;
}
