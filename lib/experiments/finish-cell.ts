import 'server-only';
import { listPendingCellsOfRun, loadCellsForScoring, recordCellOutcomes, type CellForScoring, type CellOutcome } from '@/db/queries/experiment-cells';
import { getExperimentForEngine } from '@/db/queries/experiments';
import type { Experiment } from '@/db/schema';
import { scoreCell } from '@/lib/evaluators/score-cell';
import { forgetExperimentGate } from './experiment-gate';

// Cells scored at once; judges and webhooks run concurrently within a cell, so this bounds the calls in flight.
const SCORING_CONCURRENCY = 16;

/** Finishes the cell of an experiment run that reached a final status (called inline by the executor). */
export async function finishRunCell({ runId, experimentId }: { runId: string; experimentId: string }): Promise<void> {
  const cellIds = await listPendingCellsOfRun({ runId, experimentId });
  if (cellIds.length > 0) await finishCells({ experimentId, cellIds });
}

/**
 * Scores pending cells whose runs are final and records them with the experiment's counters in one transaction.
 * Safe to call twice: only cells still pending change. A cell whose run succeeded is `succeeded`, or `errored` when
 * an evaluator errored; a failed call is `errored` (never a fail); a canceled run, `canceled`.
 */
export async function finishCells({ experimentId, cellIds, experiment }: { experimentId: string; cellIds: string[]; experiment?: Experiment }): Promise<void> {
  const found = experiment ?? (await getExperimentForEngine({ id: experimentId }));
  if (!found) return;
  const cells = (await loadCellsForScoring({ cellIds })).filter((cell) => cell.run && ['succeeded', 'failed', 'canceled'].includes(cell.run.status));
  if (cells.length === 0) return;
  const outcomes: CellOutcome[] = new Array(cells.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < cells.length; i = next++) outcomes[i] = await outcomeOf(found, cells[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(SCORING_CONCURRENCY, cells.length) }, worker));
  await recordCellOutcomes({ experimentId, outcomes });
  // The spend moved: this instance's next gate reads it (the budget), instead of a copy up to 200 ms old.
  forgetExperimentGate(experimentId);
}

async function outcomeOf(experiment: Experiment, cell: CellForScoring): Promise<CellOutcome> {
  const run = cell.run!;
  // A reused cell's call was paid for by the experiment it came from.
  const costUsd = cell.reused ? 0 : run.costUsd;
  const base = { id: cell.id, costUsd, latencyMs: run.latencyMs, judgeCostUsd: 0, results: null, result: null, score: null };
  if (run.status === 'canceled') return { ...base, status: 'canceled' };
  if (run.status === 'failed') return { ...base, status: 'errored' };
  const specs = experiment.config.evaluators;
  if (specs.length === 0 || !cell.item) return { ...base, status: 'succeeded' };
  const item = { id: cell.itemId, ...cell.item };
  const controller = new AbortController();
  const scored = await scoreCell({
    specs,
    threshold: experiment.config.threshold,
    ctx: {
      output: run.output ?? '',
      expected: item.expected,
      vars: { ...item.input, expected: item.expected },
      item,
      latencyMs: run.latencyMs,
      costUsd,
      usage: run.usage,
      toolCalls: run.toolCalls,
      run: { id: run.id, provider: run.provider, model: run.model },
      workspaceId: cell.workspaceId,
      experimentId: experiment.id,
      cellId: cell.id,
      signal: controller.signal,
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
