import 'server-only';
import type { ApiError, ErrorCode, ErrorDetails } from './errors';

export type ApiErrorBody = { code: ErrorCode; message: string; details?: ErrorDetails };
export type ApiBody<T> = { data: T; error: null } | { data: null; error: ApiErrorBody };

export function ok<T>(data: T, init: ResponseInit = {}): Response {
  return Response.json({ data, error: null } satisfies ApiBody<T>, init);
}

export function fail(error: ApiError): Response {
  const body: ApiErrorBody = { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  return Response.json({ data: null, error: body } satisfies ApiBody<never>, { status: error.status, headers: error.headers });
}
