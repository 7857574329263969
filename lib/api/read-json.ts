import 'server-only';
import type { ZodType } from 'zod';
import { ApiError } from './errors';
import { assertSafeJson } from './safe-text';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads at most 1 MB of the body, parses a JSON object, validates it; every failure is a clear 4xx. */
export async function readJson<T>(req: Request, schema: ZodType<T>): Promise<T> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readCapped(req);
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

async function readCapped(req: Request): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

const tooLarge = () => new ApiError('PAYLOAD_TOO_LARGE', 'Request body is larger than 1 MB');
