import { describe, expect, it } from 'vitest';
import { PromptLab, PromptLabError } from '../src/index.js';
import type { ResolvedPrompt } from '../src/index.js';

// An in-test server: answers GET /api/v1/prompts/by-slug/{slug} from `current`, honours If-None-Match, can go down.
function fakeServer() {
  const state = {
    current: prompt(1),
    down: false as false | 'network' | 503,
    calls: [] as { url: URL; ifNoneMatch: string | null }[],
    gate: null as Promise<void> | null,
  };
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const headers = new Headers(init?.headers);
    state.calls.push({ url, ifNoneMatch: headers.get('if-none-match') });
    if (state.gate) await state.gate;
    if (state.down === 'network') throw new TypeError('fetch failed');
    if (state.down === 503) return Response.json({ data: null, error: { code: 'UNAVAILABLE', message: 'down for maintenance' } }, { status: 503 });
    if (!url.pathname.endsWith('/by-slug/greet')) {
      return Response.json({ data: null, error: { code: 'NOT_FOUND', message: 'Prompt not found' } }, { status: 404 });
    }
    const etag = `"${state.current.etag}"`;
    if (headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag } });
    return Response.json({ data: state.current, error: null }, { headers: { etag } });
  };
  return { state, fetch };
}

function prompt(versionNumber: number): ResolvedPrompt {
  return {
    id: '7f0c2f55-6a4e-4a43-9d7e-1d1f3d9b8a11',
    slug: 'greet',
    title: 'Greet',
    versionNumber,
    label: 'production',
    systemPrompt: 'You are kind.',
    userPrompt: `v${versionNumber}: hello {{ name }}`,
    messages: null,
    variables: [{ name: 'name', type: 'string', required: true }],
    model: { provider: 'local', model: 'echo' },
    etag: `etag-${versionNumber}`,
  };
}

function setup(cache = { ttlMs: 1_000, staleWhileRevalidateMs: 10_000 }) {
  const server = fakeServer();
  const clock = { t: 1_000_000 };
  const errors: PromptLabError[] = [];
  const client = new PromptLab({ baseUrl: 'http://promptlab.test', apiKey: 'pl_test', fetch: server.fetch, cache, now: () => clock.t, onBackgroundError: (e) => errors.push(e) });
  return { server, clock, client, errors };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('getPrompt cache', () => {
  it('answers within the TTL with no round trip', async () => {
    const { server, clock, client } = setup();
    const first = await client.getPrompt('greet', { label: 'production' });
    expect(first.source).toBe('network');
    expect(server.state.calls[0]?.url.searchParams.get('label')).toBe('production');
    clock.t += 999;
    const second = await client.getPrompt('greet', { label: 'production' });
    expect(second.source).toBe('cache');
    expect(second.versionNumber).toBe(1);
    expect(server.state.calls).toHaveLength(1);
  });

  it('sends the API key as a bearer token', async () => {
    const server = fakeServer();
    let auth: string | null = null;
    const client = new PromptLab({ baseUrl: 'http://promptlab.test/', apiKey: 'pl_secret', fetch: async (url, init) => ((auth = new Headers(init?.headers).get('authorization')), server.fetch(url, init)) });
    await client.getPrompt('greet');
    expect(auth).toBe('Bearer pl_secret');
  });

  it('keys the cache by label, version and split key', async () => {
    const { server, client } = setup();
    await client.getPrompt('greet', { label: 'production' });
    await client.getPrompt('greet', { label: 'staging' });
    await client.getPrompt('greet', { version: 1 });
    await client.getPrompt('greet', { label: 'production', key: 'user-1' });
    await client.getPrompt('greet', { label: 'production', key: 'user-1' });
    expect(server.state.calls).toHaveLength(4);
    expect(server.state.calls[3]?.url.searchParams.get('key')).toBe('user-1');
  });

  it('answers a stale copy at once and revalidates in the background; a 304 keeps it', async () => {
    const { server, clock, client } = setup();
    await client.getPrompt('greet');
    clock.t += 1_500;
    const stale = await client.getPrompt('greet');
    expect(stale.source).toBe('stale');
    await settle();
    expect(server.state.calls).toHaveLength(2);
    expect(server.state.calls[1]?.ifNoneMatch).toBe('"etag-1"');
    // The 304 restarted the TTL: no request now.
    clock.t += 500;
    expect((await client.getPrompt('greet')).source).toBe('cache');
    expect(server.state.calls).toHaveLength(2);
  });

  it('sees a new version after the TTL (stale once, then the new one)', async () => {
    const { server, clock, client } = setup();
    await client.getPrompt('greet');
    server.state.current = prompt(2);
    clock.t += 1_001;
    expect((await client.getPrompt('greet')).versionNumber).toBe(1);
    await settle();
    const next = await client.getPrompt('greet');
    expect(next.versionNumber).toBe(2);
    expect(next.source).toBe('cache');
  });

  it('waits for the server once the stale window has passed too', async () => {
    const { server, clock, client } = setup();
    await client.getPrompt('greet');
    server.state.current = prompt(3);
    clock.t += 11_001;
    const answer = await client.getPrompt('greet');
    expect(answer.source).toBe('network');
    expect(answer.versionNumber).toBe(3);
    expect(server.state.calls[1]?.ifNoneMatch).toBe('"etag-1"');
  });

  it('serves the cached copy however old when the server is unreachable or failing', async () => {
    const { server, clock, client } = setup();
    await client.getPrompt('greet');
    server.state.down = 'network';
    clock.t += 86_400_000;
    const offline = await client.getPrompt('greet');
    expect(offline.source).toBe('stale');
    expect(offline.versionNumber).toBe(1);
    server.state.down = 503;
    expect((await client.getPrompt('greet')).versionNumber).toBe(1);
  });

  it('reports a failed background revalidation and keeps serving the stale copy', async () => {
    const { server, clock, client, errors } = setup();
    await client.getPrompt('greet');
    server.state.down = 503;
    clock.t += 2_000;
    expect((await client.getPrompt('greet')).source).toBe('stale');
    await settle();
    expect(errors.map((e) => e.code)).toEqual(['UNAVAILABLE']);
    expect((await client.getPrompt('greet')).versionNumber).toBe(1);
  });

  it('uses the fallback on a cold cache when the server is down, and throws without one', async () => {
    const { server, client } = setup();
    server.state.down = 'network';
    const fallback = await client.getPrompt('greet', { fallback: { userPrompt: 'Hi {{ name }}', variables: [{ name: 'name' }] } });
    expect(fallback.source).toBe('fallback');
    expect(fallback.compile({ name: 'Ada' }).openai.messages).toEqual([{ role: 'user', content: 'Hi Ada' }]);
    const bare = await client.getPrompt('greet', { fallback: 'Hi {{ name }} from {{ place }}' });
    expect(bare.variables.map((v) => [v.name, v.type, v.required])).toEqual([['name', 'string', true], ['place', 'string', true]]);
    expect(bare.compile({ name: 'Ada', place: 'London' }).openai.messages).toEqual([{ role: 'user', content: 'Hi Ada from London' }]);
    expect(() => bare.compile({ name: 'Ada' })).toThrow(/`place` is required/);
    const error = await client.getPrompt('greet').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PromptLabError);
    expect((error as PromptLabError).code).toBe('NETWORK_ERROR');
    expect((error as PromptLabError).status).toBe(0);
  });

  it('throws a 4xx with the API error even when a fallback is given (an unknown slug is not an outage)', async () => {
    const { client } = setup();
    const error = (await client.getPrompt('missing', { fallback: 'Hello' }).catch((e: unknown) => e)) as PromptLabError;
    expect(error).toBeInstanceOf(PromptLabError);
    expect([error.code, error.status, error.message]).toEqual(['NOT_FOUND', 404, 'Prompt not found']);
  });

  it('drops the cached copy when the server answers a 4xx (the prompt is gone), and throws it', async () => {
    const { server, clock, client } = setup();
    await client.getPrompt('greet');
    clock.t += 20_000;
    const gone = server.fetch;
    server.state.down = false;
    (client as unknown as { http: { fetch: unknown } }).http.fetch = async () => Response.json({ data: null, error: { code: 'NOT_FOUND', message: 'Prompt not found' } }, { status: 404 });
    expect((await client.getPrompt('greet').catch((e: PromptLabError) => e)) as PromptLabError).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    (client as unknown as { http: { fetch: unknown } }).http.fetch = async (url: string, init?: RequestInit) => {
      server.state.down = 'network';
      return gone(url, init);
    };
    // Nothing cached any more: an outage now has no copy to serve.
    expect(((await client.getPrompt('greet').catch((e: PromptLabError) => e)) as PromptLabError).code).toBe('NETWORK_ERROR');
  });

  it('shares one request between concurrent cold callers', async () => {
    const { server, client } = setup();
    let open!: () => void;
    server.state.gate = new Promise<void>((resolve) => (open = resolve));
    const answers = Promise.all([client.getPrompt('greet'), client.getPrompt('greet'), client.getPrompt('greet')]);
    await settle();
    open();
    expect((await answers).map((p) => p.versionNumber)).toEqual([1, 1, 1]);
    expect(server.state.calls).toHaveLength(1);
  });

  it('evicts the least recently used entry past maxEntries', async () => {
    const { server, client } = setup({ ttlMs: 60_000, staleWhileRevalidateMs: 0, maxEntries: 2 } as never);
    await client.getPrompt('greet', { version: 1 });
    await client.getPrompt('greet', { version: 2 });
    await client.getPrompt('greet', { version: 1 }); // touches 1
    await client.getPrompt('greet', { version: 3 }); // evicts 2
    expect(server.state.calls).toHaveLength(3);
    await client.getPrompt('greet', { version: 1 });
    expect(server.state.calls).toHaveLength(3);
    await client.getPrompt('greet', { version: 2 });
    expect(server.state.calls).toHaveLength(4);
  });

  it('asks every time with cache: false, and fresh: true skips the cache for one call', async () => {
    const { server, client } = setup();
    await client.getPrompt('greet');
    await client.getPrompt('greet', { fresh: true });
    expect(server.state.calls).toHaveLength(2);
    const uncached = new PromptLab({ baseUrl: 'http://promptlab.test', fetch: server.fetch, cache: false });
    await uncached.getPrompt('greet');
    await uncached.getPrompt('greet');
    expect(server.state.calls).toHaveLength(4);
  });

  it('times out a hanging server and falls back to the cache', async () => {
    const server = fakeServer();
    const clock = { t: 0 };
    const client = new PromptLab({ baseUrl: 'http://promptlab.test', fetch: server.fetch, timeoutMs: 50, cache: { ttlMs: 10, staleWhileRevalidateMs: 0 }, now: () => clock.t });
    await client.getPrompt('greet');
    clock.t += 100;
    const hanging = (_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    server.state.gate = null;
    (client as unknown as { http: { fetch: unknown } }).http.fetch = hanging;
    expect((await client.getPrompt('greet')).source).toBe('stale');
    client.clearCache();
    const error = (await client.getPrompt('greet').catch((e: unknown) => e)) as PromptLabError;
    expect(error.code).toBe('TIMEOUT');
  });

  describe('during an outage', () => {
    function hangingSetup() {
      const server = fakeServer();
      const clock = { t: 0 };
      let hanging = false;
      let requests = 0;
      const fetch = (url: string, init?: RequestInit) => {
        requests += 1;
        if (!hanging) return server.fetch(url, init);
        return new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      };
      const client = new PromptLab({ baseUrl: 'http://promptlab.test', fetch, timeoutMs: 40, cache: { ttlMs: 10, staleWhileRevalidateMs: 10, retryBackoffMs: 1_000 }, now: () => clock.t });
      return { client, clock, hang: () => (hanging = true), requests: () => requests };
    }

    it('waits for one timeout, then answers the stale copy at once and asks again at most once per backoff', async () => {
      const { client, clock, hang, requests } = hangingSetup();
      await client.getPrompt('greet');
      hang();
      clock.t += 1_000; // past TTL + stale window
      const started = Date.now();
      expect((await client.getPrompt('greet')).source).toBe('stale'); // waited for the timeout
      expect(requests()).toBe(2);
      for (let i = 0; i < 5; i++) expect((await client.getPrompt('greet')).source).toBe('stale');
      expect(requests()).toBe(2);
      expect(Date.now() - started).toBeLessThan(1_000);
      clock.t += 1_000; // the backoff has passed: one background request, the answer still at once
      const before = Date.now();
      expect((await client.getPrompt('greet')).source).toBe('stale');
      expect(Date.now() - before).toBeLessThan(30);
      await client.getPrompt('greet');
      expect(requests()).toBe(3);
    });

    it('answers the fallback at once after the first timeout on a cold cache', async () => {
      const { client, hang, requests } = hangingSetup();
      hang();
      expect((await client.getPrompt('greet', { fallback: 'Hi' })).source).toBe('fallback');
      const before = Date.now();
      for (let i = 0; i < 5; i++) expect((await client.getPrompt('greet', { fallback: 'Hi' })).source).toBe('fallback');
      expect(Date.now() - before).toBeLessThan(30);
      expect(requests()).toBe(1);
    });

    it("serves another split key's copy of the same slug and label before the fallback", async () => {
      const { server, client } = setup();
      await client.getPrompt('greet', { label: 'production', key: 'user-1' });
      server.state.down = 'network';
      const other = await client.getPrompt('greet', { label: 'production', key: 'user-2', fallback: 'never' });
      expect([other.source, other.versionNumber]).toEqual(['stale', 1]);
      const otherLabel = await client.getPrompt('greet', { label: 'staging', key: 'user-2', fallback: 'Hi' });
      expect(otherLabel.source).toBe('fallback');
    });
  });

  it('hands out frozen prompts, so no caller can change the cached copy', async () => {
    const { client } = setup();
    const prompt = await client.getPrompt('greet');
    expect(() => (prompt.variables as unknown[]).push({ name: 'x' })).toThrow(TypeError);
    expect(() => Object.assign(prompt.model, { model: 'other' })).toThrow(TypeError);
    expect((await client.getPrompt('greet')).variables).toHaveLength(1);
  });
});
