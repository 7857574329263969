import 'server-only';
import { getDatasetWithItems, insertExperiment, type NewExperimentCell, type SnapshotItem } from '@/db/queries/experiments';
import { getMonthSpendUsd } from '@/db/queries/runs';
import type { Experiment } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import type { Caller } from '@/lib/auth/resolve-caller';
import { parseEvaluatorSpecs } from '@/lib/evaluators/registry';
import { sealEvaluatorSecrets } from '@/lib/evaluators/score-cell';
import type { EvaluatorSpec } from '@/lib/evaluators/types';
import { dispatch, experimentsJob } from '@/lib/queue';
import { rateLimit, rateLimitHeaders } from '@/lib/ratelimit';
import { variantHasher } from './cell-hash';
import { checkItemsRender } from './check-items';
// Registers the launch callback, so the local dispatcher delivers the launch in-process.
import './experiment-job';
import { resolveVariants, type VariantInput } from './resolve-variants';
import { MAX_CELLS, type CreateExperimentInput } from './schemas';
import type { ExperimentConfig } from './types';

export type CreatedExperiment = { id: string; status: Experiment['status']; totalCells: number; reusedCells: number; savedUsd: number };

/** The items an experiment snapshots are held in memory at creation: their JSON together is capped. */
export const MAX_ITEM_BYTES = 64 * 1024 * 1024;

export function assertDatasetSize(bytes: number) {
  if (bytes <= MAX_ITEM_BYTES) return;
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  const message = `the dataset's items (inputs, expected values and metadata) are ${mb(bytes)}; an experiment takes at most ${mb(MAX_ITEM_BYTES)}: split the dataset or trim its items`;
  throw new ApiError('INVALID_INPUT', `\`datasetId\`: ${message}`, { fields: [{ path: 'datasetId', message }] });
}

/** POST /experiments: checks everything a cell needs, records the experiment whole, and hands off its launch. */
export async function createExperiment({ caller, input }: { caller: Caller; input: CreateExperimentInput }): Promise<CreatedExperiment> {
  await enforceRateLimit(caller);
  const found = await getDatasetWithItems({ id: input.datasetId, workspaceId: caller.workspace.id, limit: MAX_CELLS + 1, maxBytes: MAX_ITEM_BYTES });
  if (!found) throw new ApiError('NOT_FOUND', '`datasetId`: dataset not found', { fields: [{ path: 'datasetId', message: 'dataset not found' }] });
  assertDatasetSize(found.bytes);
  const evaluators = sealEvaluatorSecrets(await parseEvaluatorSpecs(input.evaluators));
  return buildExperiment({ caller, input, evaluators, dataset: { id: found.dataset.id, name: found.dataset.name }, items: found.items });
}

export type BuildArgs = {
  caller: Caller;
  input: Omit<CreateExperimentInput, 'evaluators' | 'variants'> & { variants: VariantInput[] };
  /** Parsed and sealed. */
  evaluators: EvaluatorSpec[];
  dataset: { id: string | null; name: string };
  items: SnapshotItem[];
  /** A rerun: cells whose content hash ran before reuse that call. */
  source?: { id: string; calls: Map<string, { runId: string; costUsd: number }> };
};

export async function buildExperiment({ caller, input, evaluators, dataset, items, source }: BuildArgs): Promise<CreatedExperiment> {
  const workspace = caller.workspace;
  if (items.length === 0) throw new ApiError('INVALID_INPUT', '`datasetId`: the dataset has no items; add some first', { fields: [{ path: 'datasetId', message: 'the dataset has no items' }] });
  const totalCells = items.length * input.variants.length * input.repeats;
  if (totalCells > MAX_CELLS) {
    const message = `${items.length} items × ${input.variants.length} variants × ${input.repeats} repeats is ${totalCells} cells; at most ${MAX_CELLS.toLocaleString('en-US')}`;
    throw new ApiError('INVALID_INPUT', message, { fields: [{ path: 'variants', message }] });
  }
  const sources = await resolveVariants({ caller, variants: input.variants });
  checkItemsRender(sources, items);
  if (workspace.monthlyBudgetUsd !== null) {
    const spent = await getMonthSpendUsd({ workspaceId: workspace.id });
    if (spent >= workspace.monthlyBudgetUsd) {
      throw new ApiError('BUDGET_EXCEEDED', `This workspace has spent $${spent.toFixed(2)} of its $${workspace.monthlyBudgetUsd.toFixed(2)} monthly budget`);
    }
  }

  const config: ExperimentConfig = {
    variants: sources.map((s) => s.variant),
    evaluators,
    repeats: input.repeats,
    concurrency: input.concurrency,
    budgetUsd: input.budgetUsd ?? null,
    cache: input.cache,
    threshold: input.threshold ?? null,
  };
  const hashers = sources.map(({ variant, version }) => variantHasher({ version, provider: variant.provider, model: variant.model, params: variant.params }));
  const cells: Omit<NewExperimentCell, 'experimentId'>[] = [];
  let reusedCells = 0;
  let savedUsd = 0;
  for (const item of items) {
    for (const [variant, hash] of hashers.entries()) {
      for (let repeat = 0; repeat < input.repeats; repeat++) {
        const contentHash = hash(item.input, repeat);
        const reused = source?.calls.get(contentHash);
        if (reused) {
          reusedCells++;
          savedUsd += reused.costUsd;
        }
        cells.push({ workspaceId: workspace.id, itemId: item.itemId, variant, repeat, contentHash, ...(reused ? { runId: reused.runId, reused: true } : {}) });
      }
    }
  }

  const experiment = await insertExperiment({
    experiment: {
      workspaceId: workspace.id,
      datasetId: dataset.id,
      datasetName: dataset.name,
      name: input.name ?? defaultName(config),
      config,
      promptIds: [...new Set(config.variants.map((v) => v.promptId))],
      totalCells,
      reusedCells,
      savedUsd: Math.round(savedUsd * 1e8) / 1e8,
      sourceExperimentId: source?.id ?? null,
      createdBy: caller.user.id,
      apiKeyId: caller.apiKeyId ?? null,
    },
    items: items.map((item) => ({ itemId: item.itemId, position: item.position, input: item.input, expected: item.expected ?? null, metadata: item.metadata ?? {} })),
    cells,
  });
  // A lost hand-off leaves the experiment queued with cells lacking runs: recovery launches it again.
  await dispatch(experimentsJob, { experimentId: experiment.id, action: 'launch' }, { deduplicationId: `launch:${experiment.id}`, fairnessKey: workspace.id }).catch(
    (error: unknown) => console.error('[experiments] launch dispatch failed; recovery will retry', experiment.id, error),
  );
  return { id: experiment.id, status: experiment.status, totalCells, reusedCells, savedUsd: experiment.savedUsd };
}

function defaultName(config: ExperimentConfig): string {
  const name = config.variants.map((v) => v.label).join(' vs ');
  return name.length > 200 ? `${name.slice(0, 199)}…` : name;
}

export async function enforceRateLimit(caller: Caller) {
  const checks = [rateLimit('experiments', `user:${caller.user.id}`)];
  if (caller.apiKeyId) checks.push(rateLimit('experiments', `key:${caller.apiKeyId}`));
  for (const result of await Promise.all(checks)) {
    if (!result.success) {
      throw new ApiError('RATE_LIMITED', `Too many experiments: the limit is ${result.limit} a minute. Retry after the Retry-After seconds.`, { headers: rateLimitHeaders(result) });
    }
  }
}
