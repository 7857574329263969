import 'server-only';
import { randomUUID } from 'node:crypto';
import { listCellsToLaunch, listFinishableCells, recordCellOutcomes, type CellToLaunch } from '@/db/queries/experiment-cells';
import { attachRuns } from '@/db/queries/experiment-runs';
import { getExperimentForEngine, listExperimentItemsForEngine, markExperimentRunning, type SnapshotItem } from '@/db/queries/experiments';
import type { NewRun } from '@/db/queries/runs';
import type { Experiment, PromptVersion } from '@/db/schema';
import { cachedRunColumns, getCachedRun, runCacheKey } from '@/lib/cache';
import { dispatchMany, runsJob } from '@/lib/queue';
import type { JobOutcome } from '@/lib/queue/handle-job';
import { renderRunMessages } from '@/lib/runs/render-messages';
import { announceExperimentFinished } from '@/lib/webhooks/announce';
// Registers the run callback, so the local dispatcher delivers this launch's runs in-process (as create-run does).
import '@/lib/runs/run-job';
import { finishCells, SETTLED_RUN_MS } from './finish-cell';
import { loadVariantVersions } from './resolve-variants';
import type { ResolvedVariant } from './types';
import { variantValues } from './variant-values';

/** Cells whose runs are inserted (one transaction) and dispatched (one batch) together. */
const LAUNCH_CHUNK = 500;

/**
 * The launch job: creates the runs of every pending cell that has none, chunk by chunk (runs inserted and cells linked
 * in one transaction per chunk, then that chunk dispatched in one batch, in the experiment's lane), so a crash leaves
 * whole chunks and a redelivered launch goes on with the cells still without a run. Cache hits and reused cells are
 * finished at once. Safe to run twice at the same time: a cell gets at most one run.
 */
export async function launchExperiment({ experimentId }: { experimentId: string }): Promise<JobOutcome> {
  const experiment = await getExperimentForEngine({ id: experimentId });
  if (!experiment) return { status: 'done', ignored: 'no such experiment' };
  if (!(await markExperimentRunning({ id: experimentId }))) return { status: 'done', ignored: `experiment already ${experiment.status}` };

  const versions = await loadVariantVersions({ workspaceId: experiment.workspaceId, variants: experiment.config.variants });
  let launched = 0;
  // A small first chunk puts the first calls in flight sooner; the rest go 500 at a time.
  let chunk = Math.min(LAUNCH_CHUNK, Math.max(50, 2 * experiment.config.concurrency));
  for (;; chunk = LAUNCH_CHUNK) {
    const cells = await listCellsToLaunch({ experimentId, limit: chunk });
    if (cells.length === 0) break;
    // Only this chunk's items: a whole snapshot can be tens of megabytes.
    const itemIds = [...new Set(cells.map((cell) => cell.itemId))];
    const items = new Map((await listExperimentItemsForEngine({ experimentId, itemIds })).map((item) => [item.itemId, item]));
    const { rows, broken } = await prepareRuns(experiment, cells, versions, items);
    if (broken.length > 0) announceExperimentFinished(await recordCellOutcomes({ experimentId, outcomes: broken }));
    const linked = await attachRuns({ experimentId, rows });
    launched += linked.length;
    const queued = linked.filter((run) => run.status === 'queued');
    if (queued.length > 0) {
      await dispatchMany(
        runsJob,
        queued.map((run) => ({ runId: run.id, experimentId })),
        { lane: { key: experimentId, concurrency: experiment.config.concurrency }, deduplicationId: (payload) => payload.runId },
      ).catch((error: unknown) => console.error('[experiments] dispatching a chunk failed; recovery re-dispatches its runs', experimentId, error));
    }
    const cellOf = new Map(rows.map((row) => [row.run.id, row.cellId]));
    const cached = linked.filter((run) => run.status !== 'queued').map((run) => cellOf.get(run.id)!);
    if (cached.length > 0) await finishCells({ experimentId, cellIds: cached });
    // Nothing of this chunk could be launched (stopped meanwhile, or launched elsewhere): leave it to them.
    if (linked.length === 0 && broken.length === 0) break;
  }
  await finishFinishable(experiment);
  return { status: 'done', launched };
}

/** Pending cells whose run is already final and that no executor scores: reused, cached, rescored, or left by a crash. */
export async function finishFinishable(experiment: Experiment): Promise<number> {
  let finished = 0;
  // Bounded: a cell that cannot be recorded must not keep this loop going.
  for (let pass = 0; pass <= Math.ceil(experiment.totalCells / LAUNCH_CHUNK); pass++) {
    const cells = await listFinishableCells({ experimentId: experiment.id, settledMs: SETTLED_RUN_MS, limit: LAUNCH_CHUNK });
    if (cells.length === 0) return finished;
    await finishCells({ experimentId: experiment.id, cellIds: cells.map((cell) => cell.id) });
    finished += cells.length;
    if (cells.length < LAUNCH_CHUNK) return finished;
  }
  return finished;
}

type PreparedRun = { cellId: string; run: NewRun & { id: string } };

async function prepareRuns(experiment: Experiment, cells: CellToLaunch[], versions: Map<string, PromptVersion>, items: Map<string, SnapshotItem>) {
  const rows: PreparedRun[] = [];
  const broken: Parameters<typeof recordCellOutcomes>[0]['outcomes'] = [];
  const now = new Date();
  await forEachBounded(cells, CACHE_LOOKUPS_AT_ONCE, async (cell) => {
    const variant = experiment.config.variants[cell.variant];
    const version = variant && versions.get(variant.versionId);
    const item = items.get(cell.itemId);
    if (!variant || !version || !item) {
      broken.push({ id: cell.id, status: 'errored', results: null, result: null, score: null, costUsd: null, judgeCostUsd: 0, latencyMs: null });
      return;
    }
    let rendered;
    try {
      rendered = renderRunMessages(version, variantValues(version, item.input));
    } catch {
      // Checked at creation, so only a changed limit gets here: the cell cannot run.
      broken.push({ id: cell.id, status: 'errored', results: null, result: null, score: null, costUsd: null, judgeCostUsd: 0, latencyMs: null });
      return;
    }
    const base = runBase(experiment, variant, rendered);
    // Repeats are independent samples: only the first may answer from the run cache.
    const hit = experiment.config.cache && cell.repeat === 0 ? await getCachedRun(runCacheKey({ workspaceId: experiment.workspaceId, versionId: variant.versionId, ...pick(base) })) : null;
    rows.push({
      cellId: cell.id,
      run: hit
        ? { ...base, status: 'succeeded', ...cachedRunColumns(hit), costUsd: 0, latencyMs: 0, ttftMs: 0, cached: true, sourceRunId: hit.runId, startedAt: now, finishedAt: now }
        : { ...base, status: 'queued' },
    });
  });
  return { rows, broken };
}

// Cache lookups in flight at once (each a Redis round trip with Upstash).
const CACHE_LOOKUPS_AT_ONCE = 32;

async function forEachBounded<T>(list: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < list.length; i = next++) await fn(list[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, worker));
}

function runBase(experiment: Experiment, variant: ResolvedVariant, rendered: ReturnType<typeof renderRunMessages>) {
  return {
    id: randomUUID(),
    workspaceId: experiment.workspaceId,
    promptId: variant.promptId,
    promptVersionId: variant.versionId,
    versionNumber: variant.versionNumber,
    createdBy: experiment.createdBy,
    apiKeyId: experiment.apiKeyId,
    provider: variant.provider,
    model: variant.model,
    params: variant.params,
    variables: rendered.values,
    messages: rendered.messages,
    experimentId: experiment.id,
  };
}

const pick = (base: ReturnType<typeof runBase>) => ({ messages: base.messages, provider: base.provider, model: base.model, params: base.params, variables: base.variables });
