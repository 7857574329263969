import { describe, expect, it } from 'vitest';
import { PromptLab, PromptLabError, type ExperimentProgress } from '../src/index.js';

// An in-test API: experiments advance one cell per poll; errors come back in the API's envelope.
function fakeApi() {
  const calls: { method: string; path: string; body: unknown }[] = [];
  let polls = 0;
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
    calls.push({ method: init?.method ?? 'GET', path: url.pathname + url.search, body });
    if (url.pathname === '/api/v1/experiments/e1') {
      polls += 1;
      const succeeded = Math.min(3, polls - 1);
      const progress = { total: 3, succeeded, errored: 0, canceled: 0, pending: 3 - succeeded };
      return Response.json({ data: { id: 'e1', name: 'x', status: succeeded === 3 ? 'completed' : 'running', totalCells: 3, progress }, error: null });
    }
    if (url.pathname === '/api/v1/experiments/slow') {
      return Response.json({ data: { id: 'slow', name: 'x', status: 'running', totalCells: 1, progress: { total: 1, succeeded: 0, errored: 0, canceled: 0, pending: 1 } }, error: null });
    }
    if (url.pathname === '/api/v1/prompts/by-slug/greet') return Response.json({ data: { id: '7f0c2f55-6a4e-4a43-9d7e-1d1f3d9b8a11' }, error: null });
    if (url.pathname.startsWith('/api/v1/prompts/7f0c2f55-6a4e-4a43-9d7e-1d1f3d9b8a11/labels/')) {
      return Response.json(
        { data: null, error: { code: 'INVALID_INPUT', message: '`split.1.weight`: weights must add up to 100', details: { fields: [{ path: 'split.1.weight', message: 'weights must add up to 100' }] } } },
        { status: 422 },
      );
    }
    if (url.pathname === '/html') return new Response('<html>', { status: 502, headers: { 'content-type': 'text/html' } });
    return Response.json({ data: { ok: true, path: url.pathname }, error: null });
  };
  return { calls, fetch };
}

describe('SDK resources', () => {
  it('waits for an experiment, reporting each change of progress once', async () => {
    const api = fakeApi();
    const client = new PromptLab({ baseUrl: 'http://promptlab.test', fetch: api.fetch });
    const seen: ExperimentProgress[] = [];
    const done = await client.experiments.wait('e1', { intervalMs: 1, onProgress: (p) => seen.push(p) });
    expect(done.status).toBe('completed');
    expect(seen.map((p) => p.succeeded)).toEqual([0, 1, 2, 3]);
  });

  it('rides out a restarting server (network errors, 503, 429) while waiting, and still throws a 4xx', async () => {
    let polls = 0;
    const fetch = async (input: string): Promise<Response> => {
      polls += 1;
      if (input.endsWith('/gone')) return Response.json({ data: null, error: { code: 'NOT_FOUND', message: 'Experiment not found' } }, { status: 404 });
      if (polls === 1) throw new TypeError('fetch failed');
      if (polls === 2) return Response.json({ data: null, error: { code: 'UNAVAILABLE', message: 'restarting' } }, { status: 503 });
      if (polls === 3) return Response.json({ data: null, error: { code: 'RATE_LIMITED', message: 'slow down' } }, { status: 429 });
      const progress = { total: 1, succeeded: 1, errored: 0, canceled: 0, pending: 0 };
      return Response.json({ data: { id: 'e2', name: 'x', status: 'completed', totalCells: 1, progress }, error: null });
    };
    const client = new PromptLab({ baseUrl: 'http://promptlab.test', fetch });
    expect((await client.experiments.wait('e2', { intervalMs: 1 })).status).toBe('completed');
    expect(polls).toBe(4);
    expect(((await client.experiments.wait('gone', { intervalMs: 1 }).catch((e: unknown) => e)) as PromptLabError).code).toBe('NOT_FOUND');
  });

  it('gives up after timeoutMs with the last state, and stops on abort', async () => {
    const api = fakeApi();
    const client = new PromptLab({ baseUrl: 'http://promptlab.test', fetch: api.fetch });
    const timedOut = (await client.experiments.wait('slow', { intervalMs: 5, timeoutMs: 30 }).catch((e: unknown) => e)) as PromptLabError;
    expect(timedOut.code).toBe('TIMEOUT');
    expect((timedOut.details?.experiment as { id: string }).id).toBe('slow');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const aborted = (await client.experiments.wait('slow', { intervalMs: 5, signal: controller.signal }).catch((e: unknown) => e)) as PromptLabError;
    expect(aborted.code).toBe('ABORTED');
  });

  it('resolves a slug to the prompt id once for labels, and surfaces field errors', async () => {
    const api = fakeApi();
    const client = new PromptLab({ baseUrl: 'http://promptlab.test', fetch: api.fetch });
    const move = { split: [{ versionNumber: 1, weight: 50 }, { versionNumber: 2, weight: 60 }] };
    const first = (await client.labels.set('greet', 'production', move).catch((e: unknown) => e)) as PromptLabError;
    await client.labels.set('greet', 'production', move).catch(() => {});
    expect(first).toMatchObject({ code: 'INVALID_INPUT', status: 422, fields: [{ path: 'split.1.weight', message: 'weights must add up to 100' }] });
    expect(api.calls.filter((c) => c.path.startsWith('/api/v1/prompts/by-slug/'))).toHaveLength(1);
    expect(api.calls.at(-1)).toMatchObject({ method: 'PUT', path: '/api/v1/prompts/7f0c2f55-6a4e-4a43-9d7e-1d1f3d9b8a11/labels/production', body: move });
  });

  it('resolves the slug again when the remembered prompt id is gone (deleted, slug reused)', async () => {
    const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    let resolved = 0;
    const fetch = async (input: string): Promise<Response> => {
      const url = new URL(input);
      if (url.pathname.includes('/by-slug/')) return Response.json({ data: { id: ids[Math.min(resolved++, 1)] }, error: null });
      if (url.pathname.includes(ids[1]!)) return Response.json({ data: [{ name: 'latest' }], error: null });
      return Response.json({ data: null, error: { code: 'NOT_FOUND', message: 'Prompt not found' } }, { status: 404 });
    };
    const client = new PromptLab({ baseUrl: 'http://promptlab.test', fetch });
    // First resolution answers the old id, which 404s: not remembered yet, so the 404 stands.
    expect(((await client.labels.list('greet').catch((e: unknown) => e)) as PromptLabError).status).toBe(404);
    // Now the id is remembered; its 404 makes the client resolve the slug again (the new id) and retry once.
    expect(await client.labels.list('greet')).toEqual([{ name: 'latest' }]);
    expect(resolved).toBe(2);
  });

  it('keeps a base path, encodes segments and drops undefined query values', async () => {
    const api = fakeApi();
    const client = new PromptLab({ baseUrl: 'http://promptlab.test/lab', fetch: api.fetch });
    await client.datasets.list({ q: 'a b', cursor: undefined });
    await client.runs.get('x/y');
    expect(api.calls.map((c) => c.path)).toEqual(['/lab/api/v1/datasets?q=a+b', '/lab/api/v1/runs/x%2Fy']);
  });

  it('sends a raw body with its content type', async () => {
    let seen: { type: string | null; body: unknown } | null = null;
    const client = new PromptLab({
      baseUrl: 'http://promptlab.test',
      fetch: async (_url, init) => {
        seen = { type: new Headers(init?.headers).get('content-type'), body: init?.body };
        return Response.json({ data: { dryRun: true }, error: null });
      },
    });
    await client.request('POST', 'api/v1/import', { query: { format: 'promptfoo' }, rawBody: { text: 'prompts: []', contentType: 'application/yaml' } });
    expect(seen).toEqual({ type: 'application/yaml', body: 'prompts: []' });
  });

  it('names an answer that is not the API envelope', async () => {
    const client = new PromptLab({ baseUrl: 'http://promptlab.test', fetch: fakeApi().fetch });
    const error = (await client.request('GET', 'html').catch((e: unknown) => e)) as PromptLabError;
    expect([error.code, error.status, error.unavailable]).toEqual(['INTERNAL', 502, true]);
  });

  it('refuses a missing or relative base URL with a message that says what to pass', () => {
    const env = process.env.PROMPTLAB_URL;
    delete process.env.PROMPTLAB_URL;
    try {
      expect(() => new PromptLab()).toThrow(/PROMPTLAB_URL/);
      expect(() => new PromptLab({ baseUrl: 'promptlab.example.com' })).toThrow(/absolute URL/);
      process.env.PROMPTLAB_URL = 'http://from-env.test';
      expect(new PromptLab().baseUrl).toBe('http://from-env.test');
    } finally {
      if (env === undefined) delete process.env.PROMPTLAB_URL;
      else process.env.PROMPTLAB_URL = env;
    }
  });
});
