import 'server-only';
import { ApiError } from '../api/errors';
import { fail, ok } from '../api/response';
import { errorResponse } from '../api/with-workspace';
import { parseJobPayload, type Job, type JobPayload } from './jobs';
import { verifyQStashRequest } from './verify';

/** What a job handler reports: a final outcome (2xx), or a retry the transport should make (5xx, Retry-After). */
export type JobOutcome =
  | ({ status: 'done' } & Record<string, unknown>)
  | { status: 'duplicate' }
  | { status: 'retry'; retryAfterSeconds: number };

export type JobContext = { messageId: string | null; retried: number };

/**
 * The route handler of a signed queue job: verifies the signature against the raw body (capped) and the URL this app
 * expects for the job, parses the payload with the job's schema, runs the handler and maps its outcome to the retry
 * policy of QStash and the local dispatcher: 2xx for permanent outcomes (done, already done, bad payload), 5xx only
 * for what a retry can fix.
 */
export function withQueueJob<J extends Job>(job: J, handler: (payload: JobPayload<J>, context: JobContext) => Promise<JobOutcome>) {
  return async (req: Request): Promise<Response> => {
    try {
      const verified = await verifyQStashRequest(req, { path: job.path });
      if (!verified.ok) {
        if (verified.status === 413) throw new ApiError('PAYLOAD_TOO_LARGE', `Queue callback refused: ${verified.reason}`);
        throw new ApiError('UNAUTHORIZED', `Invalid signature: ${verified.reason}`);
      }
      const parsed = parseJobPayload(job, verified.body);
      // 2xx on a bad payload: the transport would retry it forever.
      if (!parsed.ok) return ok({ ignored: parsed.reason });
      const outcome = await handler(parsed.payload, {
        messageId: req.headers.get('upstash-message-id'),
        retried: Number(req.headers.get('upstash-retried') ?? '0') || 0,
      });
      if (outcome.status === 'retry') {
        const seconds = Math.max(1, Math.ceil(outcome.retryAfterSeconds));
        return fail(new ApiError('UNAVAILABLE', `Not done yet: deliver again in ${seconds} s`, { headers: { 'Retry-After': String(seconds) } }));
      }
      return ok(outcome);
    } catch (error) {
      // ApiErrors keep their status; anything unknown (the database down…) is a 500, worth a retry.
      return errorResponse(error);
    }
  };
}
