import 'server-only';
import type { ZodType } from 'zod';
import { ApiError } from './errors';
import { readBodyCapped } from './read-body';
import { assertSafeJson } from './safe-text';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads at most 1 MB of the body, parses a JSON object, validates it; every failure is a clear 4xx. */
export async function readJson<T>(req: Request, schema: ZodType<T>): Promise<T> {
  const text = await readBodyCapped(req, MAX_BODY_BYTES);
  if (text === null) throw tooLarge();
  if (text.trim() === '') throw new ApiError('BAD_REQUEST', 'Request body is empty: send a JSON object');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ApiError('BAD_REQUEST', `Request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ApiError('BAD_REQUEST', 'Request body must be a JSON object, like {"title": "…"}');
  }
  assertSafeJson(json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

const tooLarge = () => new ApiError('PAYLOAD_TOO_LARGE', 'Request body is larger than 1 MB');
