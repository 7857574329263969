import { PromptLabError, type FieldError } from './errors.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type HttpOptions = { baseUrl: string; apiKey: string | undefined; fetch: FetchLike; timeoutMs: number; userAgent?: string };

export type RequestOptions = {
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  /** A body sent as is with its content type (a file to import), instead of JSON `body`. */
  rawBody?: { text: string; contentType: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call (a run with `wait` needs longer). */
  timeoutMs?: number;
};

export type RawAnswer = { status: number; headers: Headers; data: unknown };

type ErrorBody = { code?: unknown; message?: unknown; details?: { fields?: unknown } & Record<string, unknown> };

function fieldsOf(details: ErrorBody['details']): FieldError[] {
  const fields = details?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter((f): f is FieldError => typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.message === 'string');
}

/** The API's error envelope as a PromptLabError; a body that is not the envelope still says what arrived. */
function errorOf(status: number, body: unknown): PromptLabError {
  const error = (body as { error?: ErrorBody } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new PromptLabError(error.code, error.message, { status, fields: fieldsOf(error.details), details: error.details });
  }
  return new PromptLabError(status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE', `the server answered ${status} without the API's error envelope`, { status });
}

export function buildUrl(baseUrl: string, path: string, query: RequestOptions['query']): string {
  const url = new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/**
 * One HTTP call to the API: bearer auth, JSON body, a timeout, and the `{ data, error }` envelope unwrapped.
 * Answers 304 as `{ status: 304, data: null }`; every failure is a PromptLabError.
 */
export async function send(http: HttpOptions, method: string, path: string, options: RequestOptions = {}): Promise<RawAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (http.apiKey) headers.authorization = `Bearer ${http.apiKey}`;
  let body: string | undefined;
  if (options.rawBody) {
    headers['content-type'] = options.rawBody.contentType;
    body = options.rawBody.text;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const timeoutMs = options.timeoutMs ?? http.timeoutMs;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  // The caller's signal aborts this request too; its listener goes when the request ends.
  const onCallerAbort = () => timeout.abort(options.signal?.reason);
  if (options.signal?.aborted) onCallerAbort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const signal = timeout.signal;
  let response: Response;
  try {
    response = await http.fetch(buildUrl(http.baseUrl, path, options.query), { method, headers, body, signal });
  } catch (cause) {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
    if (options.signal?.aborted) throw new PromptLabError('ABORTED', 'the request was aborted', { cause });
    if (timeout.signal.aborted) throw new PromptLabError('TIMEOUT', `no answer from ${http.baseUrl} within ${timeoutMs} ms`, { cause });
    throw new PromptLabError('NETWORK_ERROR', `cannot reach ${http.baseUrl}: ${(cause as Error)?.message ?? cause}`, { cause });
  }
  try {
    if (response.status === 304) return { status: 304, headers: response.headers, data: null };
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) throw errorOf(response.status, parsed);
    if (typeof parsed !== 'object' || parsed === null || !('data' in parsed)) {
      throw new PromptLabError('BAD_RESPONSE', `the server answered ${response.status} without the API's envelope (is ${http.baseUrl} a PromptLab server?)`, { status: response.status });
    }
    return { status: response.status, headers: response.headers, data: (parsed as { data: unknown }).data };
  } catch (error) {
    if (error instanceof PromptLabError) throw error;
    if (options.signal?.aborted) throw new PromptLabError('ABORTED', 'the request was aborted', { cause: error });
    if (timeout.signal.aborted) throw new PromptLabError('TIMEOUT', `the answer from ${http.baseUrl} did not complete within ${timeoutMs} ms`, { cause: error });
    throw new PromptLabError('NETWORK_ERROR', `the answer from ${http.baseUrl} broke off: ${(error as Error)?.message ?? error}`, { cause: error });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}
