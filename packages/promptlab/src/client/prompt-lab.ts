import { PromptLabError } from './errors.js';
import { send, type FetchLike, type HttpOptions, type RawAnswer, type RequestOptions } from './http.js';
import { PromptCache, type CacheOptions } from './prompt-cache.js';
import { createResources, type Resources } from './resources.js';
import { compilePrompt, placeholderNames } from './template.js';
import type { ModelConfig, RenderedPrompt, ResolvedPrompt, RunView, TemplateMessage, VariableInput } from './types.js';

export type PromptLabOptions = {
  /** The app's origin, e.g. `https://promptlab.example.com`. Default: PROMPTLAB_URL. */
  baseUrl?: string;
  /** An API key from Settings → API keys. Default: PROMPTLAB_API_KEY. */
  apiKey?: string;
  /** Default: the global fetch (Node 20+, edge runtimes, browsers). */
  fetch?: FetchLike;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** The getPrompt cache; `false` turns it off (every call asks the server). */
  cache?: CacheOptions | false;
  /** Called when a background revalidation fails (the stale copy keeps being served); never throws into your code. */
  onBackgroundError?: (error: PromptLabError) => void;
  /** For tests: the clock the cache reads. */
  now?: () => number;
};

export type GetPromptOptions = {
  /** A label (`production`, `staging`, …); default `production` when it exists, else `latest`. */
  label?: string;
  version?: number;
  /** Sticky key for a traffic split: the same key always gets the same version. */
  key?: string;
  /**
   * Served when the server cannot be reached and nothing is cached: a user prompt template, or the prompt's parts.
   * Without `variables`, each placeholder is a required string.
   */
  fallback?: string | FallbackPrompt;
  /** Skip the cache for this call (the answer still refreshes it). */
  fresh?: boolean;
};

export type FallbackPrompt = {
  systemPrompt?: string;
  userPrompt?: string;
  messages?: TemplateMessage[];
  variables?: VariableInput[];
  model?: ModelConfig;
  title?: string;
};

/** Where the answer came from: the server, the cache within its TTL, a stale copy, or the caller's fallback. */
export type PromptSource = 'network' | 'cache' | 'stale' | 'fallback';

export type Prompt = ResolvedPrompt & {
  source: PromptSource;
  /** Renders the templates locally with the server's rules (no round trip). */
  compile(variables?: Record<string, unknown>): RenderedPrompt;
};

export type RenderOptions = { label?: string; version?: number; key?: string; variables?: Record<string, unknown> };

export type RunInput = ({ slug: string; label?: string; key?: string } | { promptId: string }) & {
  version?: number;
  variables?: Record<string, unknown>;
  /** Seconds (0..60) to wait for the run to finish: then the finished run is answered, else `{ id, status }`. */
  wait?: number;
  provider?: string;
  model?: string;
  params?: Record<string, unknown>;
  cache?: boolean;
  idempotencyKey?: string;
};

const DEFAULT_TIMEOUT_MS = 10_000;

function envVar(name: string): string | undefined {
  // No `node:` import: `process` is read only where the runtime has one.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[name] || undefined;
}

/** The cache key, and its group: the same without the split key (an outage may serve another key's copy). */
function cacheKeys(slug: string, options: GetPromptOptions): { key: string; group: string } {
  const part = (name: string, value: string | number | undefined) => (value === undefined ? '' : `&${name}=${encodeURIComponent(String(value))}`);
  const group = `${encodeURIComponent(slug)}?${part('label', options.label)}${part('version', options.version)}`;
  return { group, key: `${group}${part('key', options.key)}` };
}

const asError = (error: unknown) => (error instanceof PromptLabError ? error : new PromptLabError('BAD_RESPONSE', String(error), { cause: error }));

function withCompile(prompt: ResolvedPrompt, source: PromptSource): Prompt {
  return { ...prompt, source, compile: (variables = {}) => compilePrompt(prompt, variables) };
}

function fallbackPrompt(slug: string, fallback: string | FallbackPrompt, label: string | undefined): ResolvedPrompt {
  const parts: FallbackPrompt = typeof fallback === 'string' ? { userPrompt: fallback } : fallback;
  // Without declared variables, every placeholder is a required string, so `compile` works on a bare template.
  const texts = parts.messages ? parts.messages.map((m) => m.content) : [parts.systemPrompt ?? '', parts.userPrompt ?? ''];
  const variables = parts.variables ?? placeholderNames(texts).map((name) => ({ name }));
  return {
    id: '',
    slug,
    title: parts.title ?? slug,
    versionNumber: 0,
    label: label ?? null,
    systemPrompt: parts.systemPrompt ?? '',
    userPrompt: parts.userPrompt ?? '',
    messages: parts.messages ?? null,
    variables: variables.map((def) => ({ type: 'string' as const, required: true, ...def })),
    model: parts.model ?? { provider: '', model: '' },
    etag: '',
  };
}

/** The PromptLab API client: cached prompt delivery, render, runs, datasets, experiments and labels. */
export class PromptLab implements Resources {
  readonly baseUrl: string;
  readonly datasets: Resources['datasets'];
  readonly experiments: Resources['experiments'];
  readonly labels: Resources['labels'];
  readonly runs: Resources['runs'];
  private readonly http: HttpOptions;
  private readonly cache: PromptCache | null;
  private readonly inflight = new Map<string, Promise<ResolvedPrompt>>();
  private readonly now: () => number;
  private readonly onBackgroundError: (error: PromptLabError) => void;

  constructor(options: PromptLabOptions = {}) {
    const baseUrl = options.baseUrl ?? envVar('PROMPTLAB_URL');
    if (!baseUrl) throw new PromptLabError('INVALID_CONFIG', 'no server: pass `baseUrl` or set PROMPTLAB_URL');
    try {
      new URL(baseUrl);
    } catch {
      throw new PromptLabError('INVALID_CONFIG', `\`baseUrl\` must be an absolute URL like https://promptlab.example.com, got ${JSON.stringify(baseUrl)}`);
    }
    const fetchImpl = options.fetch ?? (globalThis.fetch ? globalThis.fetch.bind(globalThis) : undefined);
    if (!fetchImpl) throw new PromptLabError('INVALID_CONFIG', 'this runtime has no global fetch: pass `fetch`');
    this.baseUrl = baseUrl;
    this.http = { baseUrl, apiKey: options.apiKey ?? envVar('PROMPTLAB_API_KEY'), fetch: fetchImpl, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
    this.cache = options.cache === false ? null : new PromptCache(options.cache);
    this.now = options.now ?? Date.now;
    this.onBackgroundError = options.onBackgroundError ?? (() => {});
    const resources = createResources(this);
    this.datasets = resources.datasets;
    this.experiments = resources.experiments;
    this.labels = resources.labels;
    this.runs = resources.runs;
  }

  /** Any API call: answers the envelope's `data`, throws PromptLabError with the API's code, message and fields. */
  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return (await this.raw(method, path, options)).data as T;
  }

  /** As `request`, with the status and headers. */
  raw(method: string, path: string, options: RequestOptions = {}): Promise<RawAnswer> {
    return send(this.http, method, path, options);
  }

  /**
   * The version a label (or number) resolves to. Within the TTL the cached copy is answered with no round trip;
   * after it, the stale copy is answered at once and revalidated in the background (If-None-Match: a 304 keeps it).
   * When the server cannot be reached (or answers 5xx/429) the cached copy is answered however old, else the
   * `fallback`; otherwise the error is thrown. A 4xx (unknown slug, bad key) is always thrown.
   */
  async getPrompt(slug: string, options: GetPromptOptions = {}): Promise<Prompt> {
    const keys = cacheKeys(slug, options);
    const now = this.now();
    const entry = this.cache?.get(keys.key);
    const outage = this.cache?.outage(keys.key, now) ?? null;
    if (entry && !options.fresh && this.cache) {
      const freshness = this.cache.freshness(entry, now);
      if (freshness === 'fresh') return withCompile(entry.prompt, 'cache');
      // Stale, or any age while the server is failing: answer at once; ask again at most once per backoff.
      if (freshness === 'stale' || outage) {
        if (outage !== 'waiting') this.fetchPrompt(slug, options, keys).catch((error: unknown) => this.onBackgroundError(asError(error)));
        return withCompile(entry.prompt, 'stale');
      }
    }
    // Cold, and the server failed moments ago: don't make every caller wait for another timeout.
    if (outage === 'waiting' && !options.fresh) {
      const offline = this.offlineAnswer(slug, options, keys.group);
      if (offline) return offline;
    }
    try {
      return withCompile(await this.fetchPrompt(slug, options, keys), 'network');
    } catch (error) {
      if (!(error instanceof PromptLabError) || !error.unavailable) throw error;
      const cached = this.cache?.get(keys.key);
      if (cached) return withCompile(cached.prompt, 'stale');
      const offline = this.offlineAnswer(slug, options, keys.group);
      if (offline) return offline;
      throw error;
    }
  }

  /** With the server down and nothing cached under this key: another split key's copy, else the fallback. */
  private offlineAnswer(slug: string, options: GetPromptOptions, group: string): Prompt | null {
    const sibling = this.cache?.sibling(group);
    if (sibling) return withCompile(sibling.prompt, 'stale');
    if (options.fallback !== undefined) return withCompile(fallbackPrompt(slug, options.fallback, options.label), 'fallback');
    return null;
  }

  /** One request per key at a time: concurrent callers share it. */
  private fetchPrompt(slug: string, options: GetPromptOptions, { key, group }: { key: string; group: string }): Promise<ResolvedPrompt> {
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const promise = (async () => {
      const cached = this.cache?.get(key);
      const headers: Record<string, string> = cached?.etag ? { 'if-none-match': cached.etag } : {};
      const answer = await this.raw('GET', `api/v1/prompts/by-slug/${encodeURIComponent(slug)}`, {
        query: { label: options.label, version: options.version, key: options.key },
        headers,
      });
      if (answer.status === 304 && cached) {
        this.cache?.set(key, group, cached.prompt, cached.etag, this.now());
        return cached.prompt;
      }
      if (answer.status === 304) throw new PromptLabError('BAD_RESPONSE', 'the server answered 304 to a request without If-None-Match', { status: 304 });
      const prompt = answer.data as ResolvedPrompt;
      // The header is the validator; the body's etag is the same hash, quoted here as a strong ETag.
      const etag = answer.headers.get('etag') ?? (prompt.etag ? (/^(W\/)?"/.test(prompt.etag) ? prompt.etag : `"${prompt.etag}"`) : null);
      this.cache?.set(key, group, prompt, etag, this.now());
      return prompt;
    })()
      .then(
        (prompt) => {
          this.cache?.recovered(key);
          return prompt;
        },
        (error: unknown) => {
          if (error instanceof PromptLabError && error.unavailable) this.cache?.failed(key, this.now());
          else {
            // A 4xx is the server's answer (the prompt or label is gone, the key revoked): the copy must not outlive it.
            this.cache?.delete(key);
            this.cache?.recovered(key);
          }
          throw error;
        },
      )
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  /** Forgets cached prompts: one slug's, or all. */
  clearCache(slug?: string): void {
    this.cache?.clear(slug);
  }

  /** Renders on the server: the messages in the OpenAI and the Anthropic shapes (422 names bad `variables.x`). */
  render(slug: string, options: RenderOptions = {}): Promise<RenderedPrompt> {
    const { variables = {}, ...rest } = options;
    return this.request('POST', `api/v1/prompts/by-slug/${encodeURIComponent(slug)}/render`, { body: { ...rest, variables } });
  }

  /**
   * Starts a run of a prompt by slug (through a label) or id. With `wait`, answers the finished run when it
   * completes within that many seconds; otherwise (or without `wait`) `{ id, status }` of the queued run.
   */
  async run(input: RunInput): Promise<RunView> {
    const { version, variables = {}, wait, ...rest } = input;
    // The runs API names the version `versionNumber`, by slug as by id.
    const body = { ...rest, variables, ...(version !== undefined ? { versionNumber: version } : {}), ...(wait !== undefined ? { wait } : {}) };
    const timeoutMs = Math.max(this.http.timeoutMs, (wait ?? 0) * 1000 + this.http.timeoutMs);
    return this.request('POST', 'api/v1/runs', { body, timeoutMs });
  }
}
