import 'server-only';
import type { ZodType } from 'zod';
import { ApiError } from './errors';
import { readBodyCapped } from './read-body';
import { assertSafeJson } from './safe-text';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads at most 1 MB of the body, parses a JSON object, validates it; every failure is a clear 4xx. */
export async function readJson<T>(req: Request, schema: ZodType<T>): Promise<T> {
  const json = await readJsonObject(req, { maxBytes: MAX_BODY_BYTES, tooLarge });
  assertSafeJson(json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

/** Reads at most `maxBytes` of the body as one JSON object (not yet checked for unsafe text); a clear 4xx otherwise. */
export async function readJsonObject(req: Request, limits: { maxBytes: number; tooLarge: () => ApiError }): Promise<Record<string, unknown>> {
  const text = await readBodyCapped(req, limits.maxBytes);
  if (text === null) throw limits.tooLarge();
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
  return json as Record<string, unknown>;
}

const tooLarge = () => new ApiError('PAYLOAD_TOO_LARGE', 'Request body is larger than 1 MB');
