import { ApiRequestError, CliError, type FieldProblem } from './errors.js';

export type Connection = { url: string; apiKey: string; fetch?: typeof fetch };

type RequestOptions = {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** A raw body (a file to import) sent as is with this content type. */
  rawBody?: { text: string; contentType: string };
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 90_000;

/** A thin client over the JSON API: bearer auth, the `{ data, error }` envelope, errors as ApiRequestError. */
export class Api {
  constructor(private readonly connection: Connection) {}

  get baseUrl(): string {
    return this.connection.url;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<{ status: number; data: T; headers: Headers }> {
    const response = await this.send(method, path, options);
    const text = await response.text();
    const body = parseEnvelope(text, response.status, path);
    if (!response.ok || body.error) throw toApiError(response.status, body.error);
    return { status: response.status, data: body.data as T, headers: response.headers };
  }

  async get<T>(path: string, query?: RequestOptions['query']): Promise<T> {
    return (await this.request<T>('GET', path, { query })).data;
  }

  async post<T>(path: string, body: unknown, query?: RequestOptions['query']): Promise<T> {
    return (await this.request<T>('POST', path, { body, query })).data;
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const url = new URL(path, this.connection.url.endsWith('/') ? this.connection.url : `${this.connection.url}/`);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { authorization: `Bearer ${this.connection.apiKey}`, accept: 'application/json' };
    let body: string | undefined;
    if (options.rawBody) {
      headers['content-type'] = options.rawBody.contentType;
      body = options.rawBody.text;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const doFetch = this.connection.fetch ?? fetch;
    try {
      return await doFetch(url, { method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
    } catch (error) {
      const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new CliError(`could not reach PromptLab at ${this.connection.url} (${reason})`, { hint: 'check PROMPTLAB_URL or run `promptlab login`' });
    }
  }
}

type Envelope = { data: unknown; error: { code?: string; message?: string; details?: { fields?: FieldProblem[] } } | null };

function parseEnvelope(text: string, status: number, path: string): Envelope {
  try {
    const body = JSON.parse(text) as Partial<Envelope>;
    if (body && typeof body === 'object' && 'data' in body) return { data: body.data, error: body.error ?? null };
  } catch {
    // Not JSON: a proxy's page, or a route this server does not have.
  }
  if (status === 404) return { data: null, error: { code: 'NOT_FOUND', message: `${path} is not on this server (is PROMPTLAB_URL right, and is the server up to date?)` } };
  return { data: null, error: { code: 'BAD_RESPONSE', message: `the server answered HTTP ${status} without a PromptLab JSON body for ${path}` } };
}

function toApiError(status: number, error: Envelope['error']): ApiRequestError {
  const fields = Array.isArray(error?.details?.fields) ? error.details.fields : [];
  return new ApiRequestError(status, error?.code ?? 'UNKNOWN', error?.message ?? `HTTP ${status}`, fields);
}

/** Every page of a keyset-paginated list (`{ items, nextCursor }`), up to `max` items. */
export async function listAll<T>(api: Api, path: string, query: Record<string, string | number | undefined> = {}, max = 10_000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<{ items: T[]; nextCursor: string | null }>(path, { ...query, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return items;
}
