// JSON shapes of the experiments API as the browser receives them (see /api/v1/experiments and lib/experiments/types.ts).
// Type-only imports: no server code reaches the browser bundle.
import type { z } from 'zod';
import type { EvaluatorResult } from '@/lib/evaluators/types';
import type { createExperimentSchema, rerunExperimentSchema } from '@/lib/experiments/schemas';
import type { ExperimentStatus } from '@/lib/experiments/statuses';
import type {
  ExperimentProgress,
  Interval,
  VariantComparison,
  VariantSummary,
} from '@/lib/experiments/types';
import type { CellView, ExperimentDetailView, ExperimentView, ItemView } from '@/lib/experiments/views';
import type { Jsonify } from './types';

export type { EvaluatorResult, ExperimentProgress, ExperimentStatus, Interval, VariantComparison, VariantSummary };

export type StopReason = Experiment['stopReason'];

/** GET /experiments (each item) and POST /experiments/{id}/cancel. */
export type Experiment = Jsonify<ExperimentView>;

/** GET /experiments/{id}. */
export type ExperimentDetail = Jsonify<ExperimentDetailView>;

/** GET /experiments/{id}/items: the item's content as the experiment ran it. */
export type ExperimentItem = Jsonify<ItemView>;

/** GET /experiments/{id}/cells: one (item, variant, repeat). */
export type Cell = Jsonify<CellView>;

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
