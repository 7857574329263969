// JSON shapes of the experiments API as the browser receives them (see /api/v1/experiments and lib/experiments/types.ts).
// Type-only imports: no server code reaches the browser bundle.
import type { z } from 'zod';
import type { EvaluatorResult } from '@/lib/evaluators/types';
import type { createExperimentSchema, rerunExperimentSchema } from '@/lib/experiments/schemas';
import type { CellStatus, ExperimentStatus } from '@/lib/experiments/statuses';
import type {
  ExperimentConfig,
  ExperimentProgress,
  Interval,
  ResolvedVariant,
  VariantComparison,
  VariantSummary,
  Verdict,
} from '@/lib/experiments/types';
import type { Usage } from '@/lib/llm/usage';
import type { RunStatus } from './types';

export type { CellStatus, EvaluatorResult, ExperimentConfig, ExperimentProgress, ExperimentStatus, Interval, ResolvedVariant, VariantComparison, VariantSummary, Verdict };

export type StopReason = 'canceled' | 'budget' | null;

/** GET /experiments (each item) and POST /experiments/{id}/cancel. */
export type Experiment = {
  id: string;
  name: string;
  status: ExperimentStatus;
  datasetId: string | null;
  datasetName: string | null;
  sourceExperimentId: string | null;
  config: ExperimentConfig;
  promptIds: string[];
  totalCells: number;
  progress: ExperimentProgress;
  reusedCells: number;
  savedUsd: number;
  costUsd: number;
  stopReason: StopReason;
  pausedUntil: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

/** GET /experiments/{id}. */
export type ExperimentDetail = Experiment & { summary: VariantSummary[] };

/** GET /experiments/{id}/items: the item's content as the experiment ran it. */
export type ExperimentItem = {
  itemId: string;
  position: number;
  input: Record<string, unknown>;
  expected: unknown;
  metadata: Record<string, unknown>;
};

export type CellResult = 'pass' | 'fail' | 'error';

/** GET /experiments/{id}/cells: one (item, variant, repeat). */
export type Cell = {
  id: string;
  itemId: string;
  variant: number;
  repeat: number;
  runId: string | null;
  status: CellStatus;
  runStatus: RunStatus | null;
  output: string | null;
  outputTruncated: boolean;
  latencyMs: number | null;
  costUsd: number | null;
  usage: Usage | null;
  results: EvaluatorResult[];
  pass: boolean | null;
  result: CellResult | null;
  score: number | null;
  reused: boolean;
  errorCode: string | null;
  errorMessage: string | null;
};

/** Messages of GET /experiments/{id}/stream (`event: progress` and `event: done`). */
export type ProgressEvent = {
  type: 'progress' | 'done';
  status: ExperimentStatus;
  progress: ExperimentProgress;
  costUsd: number;
  reusedCells: number;
  stopReason: StopReason;
  startedAt: string | null;
  finishedAt: string | null;
  etaSeconds: number | null;
};

/** POST /experiments and POST /experiments/{id}/rerun answer 202 with this. */
export type ExperimentCreated = { id: string; status: ExperimentStatus; totalCells: number; reusedCells: number; savedUsd?: number };

/** Request bodies, as the server's schemas accept them. */
export type CreateExperimentBody = z.input<typeof createExperimentSchema>;
export type RerunExperimentBody = z.input<typeof rerunExperimentSchema>;

/** Filters of GET /experiments. */
export type ExperimentFilters = { datasetId?: string; promptId?: string; status?: ExperimentStatus };
