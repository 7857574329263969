import type { FieldError } from '@/lib/api/errors';
import type { ApiErrorBody } from '@/lib/api/response';

export type { FieldError };

/** A failed API call: the envelope's code, message and details, plus the HTTP status. */
export class ApiClientError extends Error {
  /** Empty unless the API named fields (validation failures). */
  readonly fields: FieldError[];
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiClientError';
    this.fields = readFields(details.fields);
  }
}

function readFields(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (f): f is FieldError => typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.message === 'string',
  );
}

export type ApiRequest = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A body sent as is (an uploaded file) with its own Content-Type, instead of JSON. */
  raw?: { body: BodyInit; contentType: string };
  signal?: AbortSignal;
};

type Envelope<T> = { data: T; error: null } | { data: null; error: Partial<ApiErrorBody> | null };

/** Browser-side call to our JSON API: unwraps the envelope and throws its error as an ApiClientError. */
export async function apiFetch<T>(path: string, init: ApiRequest = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.raw ? { 'content-type': init.raw.contentType } : init.body !== undefined ? { 'content-type': 'application/json' } : undefined,
    body: init.raw ? init.raw.body : init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: init.signal,
    cache: 'no-store',
  });
  let payload: Envelope<T> | null = null;
  try {
    payload = (await res.json()) as Envelope<T>;
  } catch {
    // Non-JSON (a proxy error page): reported below with the status.
  }
  if (res.ok && payload && !payload.error) return payload.data as T;
  // The session is gone: a full navigation drops every stale client state on the way to sign-in.
  if (res.status === 401 && typeof window !== 'undefined') {
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/login?callbackUrl=${encodeURIComponent(window.location.pathname)}`);
  }
  const error = payload?.error;
  throw new ApiClientError(
    error?.code ?? 'INTERNAL',
    error?.message ?? `Request failed with status ${res.status}`,
    res.status,
    (error?.details as Record<string, unknown> | undefined) ?? {},
  );
}

/** The message of any error a query or mutation can throw. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
