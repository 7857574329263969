import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '../env';
import { ApiError } from './errors';
import { ok } from './response';
import { errorResponse } from './with-workspace';

/**
 * Wraps a scheduled job's route (Vercel Cron sends `Authorization: Bearer $CRON_SECRET`): refuses without the secret,
 * answers the handler's result in the envelope, and unknown failures as a 500.
 */
export function withCron<T>(handler: (req: Request) => Promise<T>) {
  return async (req: Request): Promise<Response> => {
    try {
      const secret = env().cronSecret;
      if (!secret) throw new ApiError('UNAVAILABLE', 'CRON_SECRET is not set: scheduled jobs are disabled on this deployment');
      if (!bearerMatches(req.headers.get('authorization'), secret)) {
        throw new ApiError('UNAUTHORIZED', 'Send `Authorization: Bearer <CRON_SECRET>`');
      }
      return ok(await handler(req));
    } catch (error) {
      return errorResponse(error);
    }
  };
}

// Compared as SHA-256 digests: equal lengths whatever was sent, so the comparison is constant-time.
function bearerMatches(header: string | null, secret: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(header ?? ''), digest(`Bearer ${secret}`));
}
