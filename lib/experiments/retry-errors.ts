import 'server-only';
import { resetErroredCells } from '@/db/queries/experiment-cells';
import { getExperimentById } from '@/db/queries/experiments';
import { ApiError, notFound } from '@/lib/api/errors';
import { dispatch, experimentsJob } from '@/lib/queue';
import './experiment-job';
import { forgetExperimentGate } from './experiment-gate';

/**
 * POST /experiments/{id}/retry-errors: errored cells run again. A failed call gets a new run (the old one stays in
 * the history); a cell whose evaluator errored keeps its output and is only scored again. Then a launch. 409 when the
 * experiment spent its budget.
 */
export async function retryErroredCells({ id, workspaceId }: { id: string; workspaceId: string }): Promise<{ id: string; retried: number }> {
  const experiment = await getExperimentById({ id, workspaceId });
  if (!experiment) throw notFound('Experiment');
  // Its gate would cancel every new call at once: the errored cells would only turn canceled.
  const budget = experiment.config.budgetUsd;
  if (experiment.stopReason === 'budget' || (budget !== null && experiment.costUsd >= budget)) {
    throw new ApiError('CONFLICT', 'The experiment stopped at its budget; re-run it with a larger budget');
  }
  const retried = await resetErroredCells({ experimentId: id });
  forgetExperimentGate(id);
  if (retried > 0) {
    await dispatch(experimentsJob, { experimentId: id, action: 'launch' }, { deduplicationId: `launch:${id}:retry:${Date.now()}`, fairnessKey: workspaceId }).catch((error: unknown) =>
      console.error('[experiments] retry launch dispatch failed; recovery will retry', id, error),
    );
  }
  return { id, retried };
}
