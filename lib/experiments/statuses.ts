export const EXPERIMENT_STATUSES = ['queued', 'running', 'completed', 'canceled'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** A cell is pending until its run is final and its evaluators have scored it. */
export const CELL_STATUSES = ['pending', 'succeeded', 'errored', 'canceled'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];
