import { PromptLab, PromptLabError } from '../index.js';
import { ApiRequestError, CliError } from './errors.js';

export type Connection = { url: string; apiKey: string; fetch?: typeof fetch };

type RequestOptions = {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** A raw body (a file to import) sent as is with this content type. */
  rawBody?: { text: string; contentType: string };
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 90_000;

/** The CLI's calls go through the SDK's client; its errors become what the CLI prints (API message and fields). */
export class Api {
  private readonly client: PromptLab;

  constructor(private readonly connection: Connection) {
    this.client = new PromptLab({ baseUrl: connection.url, apiKey: connection.apiKey, fetch: connection.fetch, timeoutMs: DEFAULT_TIMEOUT_MS, cache: false });
  }

  /** The SDK client itself, for what it already does well (experiments.wait, labels.set); errors through toCliError. */
  get sdk(): PromptLab {
    return this.client;
  }

  get baseUrl(): string {
    return this.connection.url;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<{ status: number; data: T; headers: Headers }> {
    try {
      const answer = await this.client.raw(method, path, options);
      return { status: answer.status, data: answer.data as T, headers: answer.headers };
    } catch (error) {
      throw this.toCliError(error);
    }
  }

  async get<T>(path: string, query?: RequestOptions['query']): Promise<T> {
    return (await this.request<T>('GET', path, { query })).data;
  }

  async post<T>(path: string, body: unknown, query?: RequestOptions['query']): Promise<T> {
    return (await this.request<T>('POST', path, { body, query })).data;
  }

  toCliError(error: unknown): unknown {
    if (!(error instanceof PromptLabError)) return error;
    if (error.status === 0) {
      // fetch's own message is "fetch failed"; the reason (ECONNREFUSED, a bad port, DNS) is its cause.
      const cause = error.cause instanceof Error ? (error.cause.cause instanceof Error ? error.cause.cause.message : error.cause.message) : error.message;
      return new CliError(`could not reach PromptLab at ${this.connection.url} (${error.code === 'TIMEOUT' ? error.message : cause})`, { hint: 'check PROMPTLAB_URL or run `promptlab login`' });
    }
    return new ApiRequestError(error.status, error.code, error.message, error.fields);
  }
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
