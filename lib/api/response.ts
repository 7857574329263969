import { ApiError, type ErrorCode } from './errors';

export type ApiBody<T> = { data: T; error: null } | { data: null; error: { code: ErrorCode; message: string } };

export function ok<T>(data: T, init: ResponseInit = {}): Response {
  return Response.json({ data, error: null } satisfies ApiBody<T>, init);
}

export function fail(error: ApiError): Response {
  return Response.json({ data: null, error: { code: error.code, message: error.message } } satisfies ApiBody<never>, {
    status: error.status,
    headers: error.headers,
  });
}
