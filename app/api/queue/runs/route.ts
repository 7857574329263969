import { ApiError } from '@/lib/api/errors';
import { fail, ok } from '@/lib/api/response';
import { errorResponse } from '@/lib/api/with-workspace';
import { runsJob, verifyQStashRequest } from '@/lib/queue';
import { executeRun } from '@/lib/runs/execute-run';

export const dynamic = 'force-dynamic';
export const maxDuration = 300;

// POST /api/queue/runs – the signed callback (QStash or the local dispatcher) that executes a run
export async function POST(req: Request) {
  try {
    const verified = await verifyQStashRequest(req);
    if (!verified.ok) return fail(new ApiError('UNAUTHORIZED', `Invalid signature: ${verified.reason}`));
    let payload;
    try {
      payload = runsJob.payload.parse(JSON.parse(verified.body));
    } catch {
      // 2xx on a bad payload: the transport would retry it forever.
      return ok({ ignored: 'payload is not { runId: uuid }' });
    }
    const outcome = await executeRun(payload.runId);
    if (outcome.status === 'retry') {
      return Response.json(
        { data: outcome, error: null },
        { status: 503, headers: { 'Retry-After': String(Math.max(1, outcome.retryAfterSeconds)) } },
      );
    }
    return ok(outcome);
  } catch (error) {
    // Unknown failures (database down…) are worth a retry: answer 5xx.
    return errorResponse(error);
  }
}
