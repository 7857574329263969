import 'server-only';
import { getExperimentById } from '@/db/queries/experiments';
import type { Experiment } from '@/db/schema';
import { ApiError, notFound } from '@/lib/api/errors';
import { stopExperimentRuns } from './stop-experiment';

/** POST /experiments/{id}/cancel: every pending cell ends now, running calls are aborted; 409 when already final. */
export async function cancelExperiment({ id, workspaceId }: { id: string; workspaceId: string }): Promise<Experiment> {
  const experiment = await getExperimentById({ id, workspaceId });
  if (!experiment) throw notFound('Experiment');
  const stopped = experiment.status === 'completed' || experiment.status === 'canceled' ? null : await stopExperimentRuns({ experimentId: id, reason: 'canceled' });
  if (!stopped) {
    const now = (await getExperimentById({ id, workspaceId }))?.status ?? experiment.status;
    throw new ApiError('CONFLICT', `Experiment already ${now}: only a queued or running experiment can be canceled`);
  }
  return stopped.experiment;
}
