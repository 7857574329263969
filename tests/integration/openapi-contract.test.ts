import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOpenApiDocument } from '@/lib/openapi/document';
import { startAppServer, type AppServer } from './app-route-server';
import { createTestUser, sessionCookie, type TestUser } from './helpers';
import { documentedClient, expectMatchesDocument } from './openapi-responses';

// Every answer here goes through documentedClient: its status must be documented and its JSON body must match.
let app: AppServer;
let owner: TestUser;
let viewer: TestUser;
let api: ReturnType<typeof documentedClient>;

beforeAll(async () => {
  app = await startAppServer();
  owner = await createTestUser();
  viewer = await createTestUser({ role: 'viewer' });
  api = documentedClient(app.url, owner.headers);
});

afterAll(async () => {
  await app?.close();
});

const newPrompt = { title: 'Contract', userPrompt: 'Tell me about {{ topic }}', model: { provider: 'openai', model: 'gpt-4o-mini' } };

describe('answers match the OpenAPI document', () => {
  it('serves the document publicly at /api/openapi.json', async () => {
    const res = await fetch(`${app.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(getOpenApiDocument())));
  });

  it('prompts, versions, diff, restore, drafts, input sets, tags', async () => {
    const created = await api('POST', '/api/v1/prompts', { body: { ...newPrompt, tags: ['Contract'] } });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await api('GET', '/api/v1/prompts?limit=5')).status).toBe(200);
    expect((await api('GET', `/api/v1/prompts/${id}`)).status).toBe(200);
    expect((await api('PATCH', `/api/v1/prompts/${id}`, { body: { description: 'Checked' } })).status).toBe(200);
    const chat = { messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: 'About {{ topic }}' }], notes: 'chat' };
    expect((await api('POST', `/api/v1/prompts/${id}/versions`, { body: chat })).status).toBe(201);
    expect((await api('GET', `/api/v1/prompts/${id}/versions`)).status).toBe(200);
    expect((await api('GET', `/api/v1/prompts/${id}/versions/2`)).body.data.format).toBe('chat');
    expect((await api('PUT', `/api/v1/prompts/${id}/versions/1`, { body: {} })).status).toBe(405);
    expect((await api('GET', `/api/v1/prompts/${id}/diff?from=1&to=2`)).body.data.messages).not.toBeNull();
    expect((await api('POST', `/api/v1/prompts/${id}/restore`, { body: { versionNumber: 1 } })).status).toBe(201);
    expect((await api('GET', `/api/v1/prompts/${id}/draft`)).body.data).toBeNull();
    expect((await api('PUT', `/api/v1/prompts/${id}/draft`, { body: { content: { userPrompt: 'Draft {{ topic }}', values: { topic: 'x' } }, baseVersionNumber: 3 } })).status).toBe(200);
    expect((await api('GET', `/api/v1/prompts/${id}/draft`)).body.data.baseVersionNumber).toBe(3);
    expect((await api('DELETE', `/api/v1/prompts/${id}/draft`)).status).toBe(200);
    const set = await api('POST', `/api/v1/prompts/${id}/input-sets`, { body: { name: 'owls', values: { topic: 'owls' } } });
    expect(set.status).toBe(201);
    expect((await api('GET', `/api/v1/prompts/${id}/input-sets`)).body.data).toHaveLength(1);
    expect((await api('DELETE', `/api/v1/prompts/${id}/input-sets/${set.body.data.id}`)).status).toBe(200);
    expect((await api('GET', '/api/v1/tags')).body.data).toContain('contract');
    expect([200, 201]).toContain((await api('POST', '/api/v1/prompts/sample')).status);
    expect((await api('DELETE', `/api/v1/prompts/${id}`)).status).toBe(200);
  });

  it('runs: 202, 200 with wait, the run, the history, cancel 409, the stream, save-version', async () => {
    const { body: created } = await api('POST', '/api/v1/prompts', { body: newPrompt });
    const promptId = created.data.id as string;
    const queued = await api('POST', '/api/v1/runs', { body: { promptId, variables: { topic: 'owls' } } });
    expect(queued.status).toBe(202);
    const done = await api('POST', '/api/v1/runs', { body: { promptId, variables: { topic: 'bats' }, wait: 20 } });
    expect(done.status).toBe(200);
    expect(done.body.data.status).toBe('succeeded');
    const runId = done.body.data.id as string;
    expect((await api('GET', `/api/v1/runs/${runId}`)).body.data.output).toBeTruthy();
    expect((await api('GET', `/api/v1/runs?promptId=${promptId}`)).status).toBe(200);
    expect((await api('POST', `/api/v1/runs/${runId}/cancel`)).status).toBe(409);
    const stream = await api('GET', `/api/v1/runs/${runId}/stream`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.body).toContain('event: done');
    const draft = await api('POST', '/api/v1/runs', { body: { promptId, draft: { userPrompt: 'Draft about {{ topic }}' }, variables: { topic: 'cats' }, wait: 20 } });
    expect(draft.body.data.draft).toBe(true);
    expect((await api('POST', `/api/v1/runs/${draft.body.data.id}/save-version`, { body: { notes: 'from a draft run' } })).status).toBe(201);
  });

  it('providers, models and connection tests', async () => {
    expect((await api('GET', '/api/v1/providers')).body.data.catalog.length).toBeGreaterThan(0);
    expect((await api('GET', '/api/v1/providers/local/models')).body.data.models).toContain('promptlab-local');
    expect((await api('POST', '/api/v1/providers/test', { body: { provider: 'openai' } })).status).toBe(200);
    const saved = await api('POST', '/api/v1/providers', { body: { provider: 'groq', label: 'groq-team', apiKey: 'gsk_0123456789abcdef' } });
    expect(saved.status).toBe(201);
    expect(saved.body.data.keyLast4).toBe('cdef');
    expect((await api('PATCH', `/api/v1/providers/${saved.body.data.id}`, { body: { label: 'groq-main' } })).status).toBe(200);
    expect((await api('POST', '/api/v1/providers', { body: { provider: 'openrouter', label: 'groq-main', apiKey: 'sk-or-0123456789abcdef' } })).status).toBe(409);
    expect((await api('DELETE', `/api/v1/providers/${saved.body.data.id}`)).status).toBe(200);
  });

  it('me, workspace, prices, API keys', async () => {
    expect((await api('GET', '/api/v1/me')).body.data.via).toBe('api_key');
    expect((await api('GET', '/api/v1/workspace')).body.data.role).toBe('owner');
    expect((await api('PATCH', '/api/v1/workspace', { body: { monthlyBudgetUsd: 50, modelAllowlist: null } })).body.data.monthlyBudgetUsd).toBe(50);
    const price = await api('POST', '/api/v1/workspace/prices', { body: { provider: 'openai', model: 'gpt-4o-mini', effectiveFrom: '2026-01-01', inputPerMTok: 0.15, outputPerMTok: 0.6 } });
    expect(price.status).toBe(201);
    expect((await api('GET', '/api/v1/workspace/prices')).body.data.items).toHaveLength(1);
    expect((await api('DELETE', `/api/v1/workspace/prices/${price.body.data.id}`)).status).toBe(200);
    const key = await api('POST', '/api/v1/api-keys', { body: { name: 'ci' } });
    expect(key.body.data.key).toMatch(/^pl_/);
    expect((await api('GET', '/api/v1/api-keys')).body.data.length).toBeGreaterThanOrEqual(2);
    expect((await api('DELETE', `/api/v1/api-keys/${key.body.data.id}`)).body.data.revokedAt).toBeTruthy();
  });

  it('errors: 400, 401, 403, 404 (another workspace too), 422, all in the error envelope', async () => {
    const { body: mine } = await api('POST', '/api/v1/prompts', { body: newPrompt });
    const other = documentedClient(app.url, (await createTestUser()).headers);
    expect((await other('GET', `/api/v1/prompts/${mine.data.id}`)).status).toBe(404);
    expect((await other('POST', `/api/v1/prompts/${mine.data.id}/versions`, { body: { userPrompt: 'x' } })).status).toBe(404);
    const anonymous = documentedClient(app.url);
    expect((await anonymous('GET', '/api/v1/prompts')).body.error.code).toBe('UNAUTHORIZED');
    const asViewer = documentedClient(app.url, viewer.headers);
    expect((await asViewer('POST', '/api/v1/prompts', { body: newPrompt })).status).toBe(403);
    expect((await api('POST', '/api/v1/prompts', { rawBody: '{not json', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    const invalid = await api('POST', '/api/v1/prompts', { body: { title: '' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.details.fields.map((f: { path: string }) => f.path)).toContain('title');
    expect((await api('GET', '/api/v1/prompts?limit=1000')).status).toBe(422);
    expect((await api('GET', '/api/v1/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('a session works as well as a key', async () => {
    const cookie = await sessionCookie(owner.user.id);
    const asSession = documentedClient(app.url, { cookie, origin: app.url });
    expect((await asSession('GET', '/api/v1/me')).body.data.via).toBe('session');
    expect((await asSession('POST', '/api/v1/prompts', { body: newPrompt })).status).toBe(201);
    expect((await asSession('POST', '/api/v1/prompts', { body: newPrompt, headers: { origin: 'https://evil.example' } })).status).toBe(403);
  });

  it('fails on an answer the document does not describe', () => {
    expect(() => expectMatchesDocument('GET', '/api/v1/me', 200, { data: { user: {} }, error: null })).toThrow(/does not match/);
    expect(() => expectMatchesDocument('GET', '/api/v1/me', 418, null)).toThrow(/does not list/);
    expect(() => expectMatchesDocument('GET', '/api/v1/tags', 200, { data: ['a'], error: null, extra: 1 })).toThrow(/extra/);
  });
});
