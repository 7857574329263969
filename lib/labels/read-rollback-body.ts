import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { readBodyCapped } from '@/lib/api/read-body';
import { assertSafeJson } from '@/lib/api/safe-text';
import { rollbackLabelSchema } from './schemas';

/** A 500-character note, escaped as JSON, stays far below this. */
const MAX_ROLLBACK_BODY_BYTES = 16 * 1024;

/**
 * The optional body of a rollback: `{ note? }`, or nothing at all. Emptiness is judged from the text read, not from
 * headers, so a streamed or chunked empty body is a bare rollback too.
 */
export async function readRollbackBody(req: Request): Promise<{ note?: string }> {
  const text = await readBodyCapped(req, MAX_ROLLBACK_BODY_BYTES);
  if (text === null) throw new ApiError('PAYLOAD_TOO_LARGE', 'Request body is larger than 16 KB: send `{ "note": "…" }` or nothing');
  if (text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ApiError('BAD_REQUEST', `Request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ApiError('BAD_REQUEST', 'Request body must be a JSON object, like {"note": "v2 broke checkout"}');
  assertSafeJson(json);
  return rollbackLabelSchema.parse(json);
}
