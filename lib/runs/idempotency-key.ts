import { ApiError } from '@/lib/api/errors';
import { idempotencyKeySchema } from './schemas';

/** The run's idempotency key: the body's `idempotencyKey`, else the `Idempotency-Key` header (blank means none). */
export function idempotencyKeyOf(body: { idempotencyKey?: string }, headers: Headers): string | undefined {
  if (body.idempotencyKey) return body.idempotencyKey;
  const header = headers.get('idempotency-key');
  if (header === null || header.trim() === '') return undefined;
  const parsed = idempotencyKeySchema.safeParse(header);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'is not a valid key';
  throw new ApiError('INVALID_INPUT', `the Idempotency-Key header ${message}`, { fields: [{ path: 'Idempotency-Key', message }] });
}
