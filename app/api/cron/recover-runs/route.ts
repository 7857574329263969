import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '@/lib/api/errors';
import { fail, ok } from '@/lib/api/response';
import { errorResponse } from '@/lib/api/with-workspace';
import { env } from '@/lib/env';
import { recoverRuns } from '@/lib/runs/recover-runs';

export const dynamic = 'force-dynamic';

// GET /api/cron/recover-runs – Vercel Cron sends `Authorization: Bearer $CRON_SECRET`
export async function GET(req: Request) {
  const secret = env().cronSecret;
  if (!secret) return fail(new ApiError('UNAVAILABLE', 'CRON_SECRET is not set: scheduled recovery is disabled on this deployment'));
  const given = Buffer.from(req.headers.get('authorization') ?? '');
  const expected = Buffer.from(`Bearer ${secret}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail(new ApiError('UNAUTHORIZED', 'Send `Authorization: Bearer <CRON_SECRET>`'));
  }
  try {
    return ok(await recoverRuns());
  } catch (error) {
    return errorResponse(error);
  }
}
