import 'server-only';
import { z } from 'zod';

/** A background job: where its signed callback lives and the payload it carries. */
export type Job<Name extends string = string, Schema extends z.ZodType = z.ZodType> = {
  readonly name: Name;
  /** The callback route, under app/api/queue/. */
  readonly path: `/api/queue/${string}`;
  readonly payload: Schema;
};

export type JobPayload<J extends Job> = z.output<J['payload']>;

export function defineJob<const Name extends string, Schema extends z.ZodType>(job: Job<Name, Schema>): Job<Name, Schema> {
  return Object.freeze({ ...job });
}

/**
 * Executes one run: POST /api/queue/runs with `{ runId }`. An experiment's run also names its experiment, so a
 * paused experiment (a provider's 429) is waited out before the run is even claimed.
 */
export const runsJob = defineJob({
  name: 'runs',
  path: '/api/queue/runs',
  payload: z.object({ runId: z.uuid(), experimentId: z.uuid().optional() }),
});

/** Drives an experiment: POST /api/queue/experiments with `{ experimentId, action }` (launch creates and hands off its cells' runs). */
export const experimentsJob = defineJob({
  name: 'experiments',
  path: '/api/queue/experiments',
  payload: z.object({ experimentId: z.uuid(), action: z.enum(['launch']) }),
});

/** Re-dispatches stale runs: POST /api/queue/recover-runs with `{}`, from the per-minute QStash schedule. */
export const recoverRunsJob = defineJob({
  name: 'recover-runs',
  path: '/api/queue/recover-runs',
  payload: z.object({}),
});

/** Delivers one webhook event to its URL: POST /api/queue/webhooks with `{ deliveryId }` (lib/webhooks/deliver.ts). */
export const webhooksJob = defineJob({
  name: 'webhooks',
  path: '/api/queue/webhooks',
  payload: z.object({ deliveryId: z.uuid() }),
});

export type ParsedJob<J extends Job> = { ok: true; payload: JobPayload<J> } | { ok: false; reason: string };

/**
 * Parses a verified callback body. A bad payload is permanent: the route should answer 2xx, or QStash
 * retries it until it gives up.
 */
export function parseJobPayload<J extends Job>(job: J, body: string): ParsedJob<J> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const result = job.payload.safeParse(json);
  if (!result.success) return { ok: false, reason: z.prettifyError(result.error) };
  return { ok: true, payload: result.data as JobPayload<J> };
}
