import 'server-only';
import { listReusableCalls } from '@/db/queries/experiment-cells';
import { getDatasetWithItems, getExperimentById, listExperimentItemsForEngine } from '@/db/queries/experiments';
import { ApiError, notFound } from '@/lib/api/errors';
import type { Caller } from '@/lib/auth/resolve-caller';
import { parseEvaluatorSpecs } from '@/lib/evaluators/registry';
import { restoreEvaluatorSecrets, sealEvaluatorSecrets } from '@/lib/evaluators/score-cell';
import { assertDatasetSize, buildExperiment, enforceRateLimit, MAX_ITEM_BYTES, type CreatedExperiment } from './create-experiment';
import { MAX_CELLS, type RerunExperimentInput } from './schemas';

/**
 * POST /experiments/{id}/rerun: the original's configuration with the given fields changed, as a new experiment.
 * Every cell whose content hash matches a succeeded call of the original reuses it (no model call, cost 0, its
 * original cost counted as saved) and is scored with the new evaluators; only changed cells run.
 */
export async function rerunExperiment({ caller, id, input }: { caller: Caller; id: string; input: RerunExperimentInput }): Promise<CreatedExperiment> {
  const workspaceId = caller.workspace.id;
  const source = await getExperimentById({ id, workspaceId });
  if (!source) throw notFound('Experiment');
  await enforceRateLimit(caller);

  const variants = input.variants ?? source.config.variants.map(({ promptId, versionNumber, provider, model, params, label }) => ({ promptId, versionNumber, provider, model, params, label }));
  const evaluators = input.evaluators
    ? sealEvaluatorSecrets(await parseEvaluatorSpecs(restoreEvaluatorSecrets(input.evaluators, source.config.evaluators)))
    : source.config.evaluators;

  // The original's dataset as it is now (edited items run again); the original's snapshot when it was deleted.
  const datasetId = input.datasetId ?? source.datasetId;
  const found = datasetId ? await getDatasetWithItems({ id: datasetId, workspaceId, limit: MAX_CELLS + 1, maxBytes: MAX_ITEM_BYTES }) : null;
  if (input.datasetId && !found) throw new ApiError('NOT_FOUND', '`datasetId`: dataset not found', { fields: [{ path: 'datasetId', message: 'dataset not found' }] });
  if (found) assertDatasetSize(found.bytes);
  const dataset = found ? { id: found.dataset.id, name: found.dataset.name } : { id: null, name: source.datasetName };
  const items = found ? found.items : await listExperimentItemsForEngine({ experimentId: source.id });

  const { config } = source;
  return buildExperiment({
    caller,
    input: {
      name: input.name ?? `${source.name} (re-run)`.slice(0, 200),
      datasetId: dataset.id ?? source.id,
      variants,
      repeats: input.repeats ?? config.repeats,
      concurrency: input.concurrency ?? config.concurrency,
      budgetUsd: input.budgetUsd ?? config.budgetUsd ?? undefined,
      cache: input.cache ?? config.cache,
      threshold: input.threshold ?? config.threshold ?? undefined,
    },
    evaluators,
    dataset,
    items,
    source: { id: source.id, calls: await listReusableCalls({ experimentId: source.id }) },
  });
}
