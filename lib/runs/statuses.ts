import { z } from 'zod';

/** Every state of a run, in lifecycle order; the `run_status` pgEnum is built from this list. */
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const runStatusSchema = z.enum(RUN_STATUSES);

/** States a run can still leave (cancel applies, the stream stays open). */
export const ACTIVE_RUN_STATUSES = ['queued', 'running'] as const satisfies readonly RunStatus[];

export const isActiveRunStatus = (status: RunStatus) => (ACTIVE_RUN_STATUSES as readonly RunStatus[]).includes(status);
