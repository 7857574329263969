import 'server-only';
import { loadCellsForScoring, recordCellOutcomes, type CellForScoring, type CellOutcome } from '@/db/queries/experiment-cells';
import { getExperimentForEngine, getExperimentGate } from '@/db/queries/experiments';
import type { Experiment } from '@/db/schema';
import { scoreCell } from '@/lib/evaluators/score-cell';
import { announceExperimentFinished } from '@/lib/webhooks/announce';
import { forgetExperimentGate } from './experiment-gate';
import { stopExperimentRuns } from './stop-experiment';

// Cells scored at once (at most the experiment's concurrency: judges are model calls too); judges and webhooks run
// concurrently within a cell. Outcomes are recorded every batch, so a slow scoring loses little when cut off.
const SCORING_CONCURRENCY = 16;
/**
 * A run final for this long whose cell is still pending was left by a crash: its executor is not scoring it. Sooner,
 * the executor is (inline, after recording the run), and a second scoring would pay the judges twice.
 */
export const SETTLED_RUN_MS = 30_000;
/** Evaluators that spend money: with a budget, every scoring batch of them checks it first. */
const SPENDING_EVALUATORS = new Set(['llm-judge']);

/** What scoring needs of an experiment; its config never changes after creation, so it is kept per instance. */
type EngineExperiment = Pick<Experiment, 'id' | 'workspaceId' | 'config'>;
const globalForFinish = globalThis as typeof globalThis & {
  promptlabEngineExperiments?: Map<string, EngineExperiment>;
  promptlabFinishBatches?: Map<string, { runIds: string[]; done: Promise<void> }>;
};
const configs = () => (globalForFinish.promptlabEngineExperiments ??= new Map());
const batches = () => (globalForFinish.promptlabFinishBatches ??= new Map());

async function engineExperiment(id: string): Promise<EngineExperiment | null> {
  const hit = configs().get(id);
  if (hit) return hit;
  const row = await getExperimentForEngine({ id });
  if (!row) return null;
  if (configs().size >= 500) configs().clear();
  const kept = { id: row.id, workspaceId: row.workspaceId, config: row.config };
  configs().set(id, kept);
  return kept;
}

/**
 * Finishes the cell of an experiment run that reached a final status (called inline by the executor, which holds
 * the run's lane slot until it resolves). Runs of one experiment finishing together are recorded together: one
 * read and one write for the batch instead of per cell.
 */
export function finishRunCell({ runId, experimentId }: { runId: string; experimentId: string }): Promise<void> {
  const pending = batches().get(experimentId);
  if (pending) {
    pending.runIds.push(runId);
    return pending.done;
  }
  const batch = { runIds: [runId], done: Promise.resolve() };
  batch.done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
    batches().delete(experimentId);
    try {
      await finishCells({ experimentId, runIds: batch.runIds });
    } catch (first) {
      // Once more after a moment (a busy database); after that recovery scores these cells.
      console.warn('[experiments] scoring a batch of cells failed; trying again', experimentId, first);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await finishCells({ experimentId, runIds: batch.runIds });
    }
  });
  batches().set(experimentId, batch);
  return batch.done;
}

/**
 * A duplicate delivery of a run already final: its cell is scored only when the run finished long enough ago that
 * its executor is not scoring it itself (a crash in between); otherwise two scorings would pay the judges twice.
 */
export function finishSettledRunCell({ runId, experimentId, settledMs }: { runId: string; experimentId: string; settledMs: number }): Promise<void> {
  return finishCells({ experimentId, runIds: [runId], settledMs });
}

/**
 * Scores pending cells whose runs are final and records them with the experiment's counters in one statement.
 * Safe to call twice: only cells still pending change. A cell whose run succeeded is `succeeded`, or `errored` when
 * an evaluator errored; a failed call is `errored` (never a fail); a canceled run, `canceled`.
 */
export async function finishCells(args: { experimentId: string; settledMs?: number } & ({ cellIds: string[] } | { runIds: string[] })): Promise<void> {
  const experiment = await engineExperiment(args.experimentId);
  if (!experiment) return;
  const settledBefore = args.settledMs === undefined ? null : Date.now() - args.settledMs;
  const cells = (await loadCellsForScoring(args)).filter(
    (cell) =>
      cell.run &&
      ['succeeded', 'failed', 'canceled'].includes(cell.run.status) &&
      (settledBefore === null || cell.reused || (cell.run.finishedAt !== null && cell.run.finishedAt.getTime() < settledBefore)),
  );
  if (cells.length === 0) return;
  const { config } = experiment;
  const concurrency = Math.max(1, Math.min(SCORING_CONCURRENCY, config.concurrency));
  const budgeted = config.budgetUsd !== null && config.evaluators.some((spec) => SPENDING_EVALUATORS.has(spec.type));
  // Budgeted judges go one concurrency's worth at a time, so the spend is read again before each round of them.
  const batchSize = budgeted ? concurrency : SCORING_CONCURRENCY;
  for (let start = 0; start < cells.length; start += batchSize) {
    if (budgeted && (await budgetReached(args.experimentId))) {
      await cancelUnscored(experiment, cells.slice(start));
      return;
    }
    const batch = cells.slice(start, start + batchSize);
    const outcomes: CellOutcome[] = new Array(batch.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < batch.length; i = next++) outcomes[i] = await outcomeOf(experiment, batch[i]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
    announceExperimentFinished(await recordCellOutcomes({ experimentId: args.experimentId, outcomes }));
    // The spend moved: with a budget, this instance's next gate reads it instead of a copy up to 200 ms old.
    if (config.budgetUsd !== null) forgetExperimentGate(args.experimentId);
  }
}

async function budgetReached(experimentId: string): Promise<boolean> {
  const gate = await getExperimentGate({ id: experimentId });
  return !!gate && (gate.stopReason !== null || (gate.budgetUsd !== null && gate.costUsd >= gate.budgetUsd));
}

/** The budget is spent: no judge is called for these cells; they end canceled, their call's cost still counted. */
async function cancelUnscored(experiment: EngineExperiment, cells: CellForScoring[]) {
  await stopExperimentRuns({ experimentId: experiment.id, reason: 'budget' });
  const outcomes = await Promise.all(
    cells.map((cell): CellOutcome | Promise<CellOutcome> =>
      // A failed or canceled call needs no judge: it ends as it would have.
      cell.run!.status !== 'succeeded'
        ? outcomeOf(experiment, cell)
        : { id: cell.id, status: 'canceled', results: null, result: null, score: null, costUsd: cell.reused ? 0 : cell.run!.costUsd, judgeCostUsd: 0, latencyMs: cell.run!.latencyMs },
    ),
  );
  announceExperimentFinished(await recordCellOutcomes({ experimentId: experiment.id, outcomes }));
}

async function outcomeOf(experiment: EngineExperiment, cell: CellForScoring): Promise<CellOutcome> {
  const run = cell.run!;
  // A reused cell's call was paid for by the experiment it came from.
  const costUsd = cell.reused ? 0 : run.costUsd;
  const base = { id: cell.id, costUsd, latencyMs: run.latencyMs, judgeCostUsd: 0, results: null, result: null, score: null };
  if (run.status === 'canceled') return { ...base, status: 'canceled' };
  if (run.status === 'failed') return { ...base, status: 'errored' };
  const specs = experiment.config.evaluators;
  if (specs.length === 0 || !cell.item) return { ...base, status: 'succeeded' };
  const item = { id: cell.itemId, ...cell.item };
  const scored = await scoreCell({
    specs,
    threshold: experiment.config.threshold,
    ctx: {
      output: run.output ?? '',
      expected: item.expected,
      vars: { ...item.input, expected: item.expected },
      item,
      latencyMs: run.latencyMs,
      // What the call cost, reused or not: a `cost` evaluator judges the output's price, not this experiment's spend.
      costUsd: run.costUsd,
      usage: run.usage,
      toolCalls: run.toolCalls,
      run: { id: run.id, provider: run.provider, model: run.model },
      workspaceId: cell.workspaceId,
      experimentId: experiment.id,
      cellId: cell.id,
      signal: new AbortController().signal,
    },
  });
  return {
    ...base,
    status: scored.result === 'error' ? 'errored' : 'succeeded',
    results: scored.results,
    result: scored.result,
    score: scored.score,
    judgeCostUsd: scored.costUsd,
  };
}
