import 'server-only';
import type { CellRow } from '@/db/queries/experiment-reads';
import type { Experiment, ExperimentItem } from '@/db/schema';
import { redactEvaluatorSecrets } from '@/lib/evaluators/secrets';
import type { ExperimentConfig, ExperimentProgress, VariantSummary } from './types';

export function progressOf(row: Pick<Experiment, 'totalCells' | 'succeededCells' | 'erroredCells' | 'canceledCells'>): ExperimentProgress {
  const { totalCells: total, succeededCells: succeeded, erroredCells: errored, canceledCells: canceled } = row;
  return { total, succeeded, errored, canceled, pending: Math.max(0, total - succeeded - errored - canceled) };
}

/** The experiment object of the public API. */
export function experimentView(row: Experiment) {
  const config: ExperimentConfig = { ...row.config, evaluators: redactEvaluatorSecrets(row.config.evaluators ?? []) };
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    datasetId: row.datasetId,
    datasetName: row.datasetName,
    sourceExperimentId: row.sourceExperimentId,
    config,
    promptIds: row.promptIds,
    totalCells: row.totalCells,
    progress: progressOf(row),
    reusedCells: row.reusedCells,
    savedUsd: row.savedUsd,
    costUsd: row.costUsd,
    stopReason: row.stopReason,
    pausedUntil: row.pausedUntil,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export type ExperimentView = ReturnType<typeof experimentView>;
export type ExperimentDetailView = ExperimentView & { summary: VariantSummary[] };

export const experimentDetailView = (row: Experiment, summary: VariantSummary[]): ExperimentDetailView => ({ ...experimentView(row), summary });

export const itemView = (item: ExperimentItem) => ({
  itemId: item.itemId,
  position: item.position,
  input: item.input,
  expected: item.expected ?? null,
  metadata: item.metadata,
});

export type ItemView = ReturnType<typeof itemView>;

/** A cell whose call failed reads as result `error` (never `fail`), whatever its evaluators did. */
export function cellResult(status: string, result: 'pass' | 'fail' | 'error' | null): 'pass' | 'fail' | 'error' | null {
  if (status === 'errored') return 'error';
  return status === 'succeeded' ? result : null;
}

export function cellView({ cell, run }: Pick<CellRow, 'cell' | 'run'>) {
  const result = cellResult(cell.status, cell.result);
  return {
    id: cell.id,
    itemId: cell.itemId,
    variant: cell.variant,
    repeat: cell.repeat,
    runId: cell.runId,
    status: cell.status,
    runStatus: run?.status ?? null,
    output: run?.output ?? null,
    outputTruncated: run?.outputTruncated ?? false,
    latencyMs: cell.latencyMs ?? run?.latencyMs ?? null,
    // A reused cell cost nothing this time, whatever its run cost when it first ran.
    costUsd: cell.reused ? (cell.costUsd ?? 0) : (cell.costUsd ?? run?.costUsd ?? null),
    usage: run?.usage ?? null,
    results: cell.results ?? [],
    pass: result === 'pass' ? true : result === 'fail' ? false : null,
    result,
    score: result === 'pass' || result === 'fail' ? cell.score : null,
    reused: cell.reused,
    errorCode: run?.errorCode ?? null,
    errorMessage: run?.errorMessage ?? null,
  };
}

export type CellView = ReturnType<typeof cellView>;
