import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './app-route-server';
import { listAppRoutes } from './app-routes';
import { createTestUser, type TestUser } from './helpers';

let app: AppServer;
let user: TestUser;

beforeAll(async () => {
  app = await startAppServer();
  user = await createTestUser();
});

afterAll(async () => {
  await app?.close();
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}${path}`, { ...init, headers: { ...user.headers, 'content-type': 'application/json', ...init.headers } });

describe('the app route server', () => {
  it('orders static segments before dynamic ones', () => {
    const templates = listAppRoutes().map((r) => r.template);
    expect(templates.indexOf('/api/v1/prompts/sample')).toBeLessThan(templates.indexOf('/api/v1/prompts/[id]'));
    expect(templates).toContain('/api/auth/[...nextauth]');
  });

  it('serves public, authenticated and nested routes with their params', async () => {
    expect(await (await fetch(`${app.url}/api/health`)).json()).toEqual({ data: { status: 'ok' }, error: null });
    expect((await fetch(`${app.url}/api/v1/me`)).status).toBe(401);
    const me = await api('/api/v1/me');
    expect(me.status).toBe(200);

    const created = await api('/api/v1/prompts', { method: 'POST', body: JSON.stringify({ title: 'Served', userPrompt: 'Hi {{name}}' }) });
    expect(created.status).toBe(201);
    const { data: prompt } = await created.json();
    const version = await api(`/api/v1/prompts/${prompt.id}/versions/1`);
    expect(version.status).toBe(200);
    expect((await version.json()).data.versionNumber).toBe(1);
    // `sample` is a static segment beside [id]: it must not be read as a prompt id.
    expect((await api('/api/v1/prompts/sample', { method: 'POST' })).status).toBe(201);
  });

  it('answers 404 for no route, 405 with Allow for a missing method, and HEAD from GET', async () => {
    expect((await api('/api/v1/nope')).status).toBe(404);
    const wrong = await api('/api/v1/me', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('GET');
    const head = await fetch(`${app.url}/api/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves the Auth.js catch-all route', async () => {
    const res = await fetch(`${app.url}/api/auth/providers`);
    expect(res.status).toBe(200);
    expect(await res.json()).toBeTypeOf('object');
  });

  it('runs a prompt end to end through the local dispatcher and the fake provider', async () => {
    const created = await api('/api/v1/prompts', {
      method: 'POST',
      body: JSON.stringify({ title: 'Run me', userPrompt: 'Tell me about {{ topic }}', model: { provider: 'openai', model: 'gpt-4o-mini' } }),
    });
    const { data: prompt } = await created.json();
    const started = await api('/api/v1/runs', { method: 'POST', body: JSON.stringify({ promptId: prompt.id, variables: { topic: 'owls' } }) });
    expect(started.status).toBe(202);
    const { data: run } = await started.json();
    const deadline = Date.now() + 15_000;
    let status = run.status as string;
    while (!['succeeded', 'failed', 'canceled'].includes(status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await (await api(`/api/v1/runs/${run.id}`)).json()).data.status;
    }
    expect(status).toBe('succeeded');
    expect(app.llm.requests.length).toBeGreaterThan(0);
  });
});
