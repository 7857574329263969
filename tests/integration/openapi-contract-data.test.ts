import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './app-route-server';
import { createTestUser, type TestUser } from './helpers';
import { documentedClient } from './openapi-responses';

// Datasets, experiments and the delivery features, every answer checked against the document (as in openapi-contract.test.ts).
let app: AppServer;
let owner: TestUser;
let api: ReturnType<typeof documentedClient>;

beforeAll(async () => {
  app = await startAppServer();
  owner = await createTestUser();
  api = documentedClient(app.url, owner.headers);
});

afterAll(async () => {
  await app?.close();
});

const newPrompt = (title: string) => ({ title, userPrompt: 'Tell me about {{ topic }}', model: { provider: 'openai', model: 'gpt-4o-mini' } });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('answers match the OpenAPI document', () => {
  it('datasets: create, list, items, import, export, delete', async () => {
    const created = await api('POST', '/api/v1/datasets', { body: { name: 'Topics', items: [{ input: { topic: 'owls' }, expected: 'Echo' }] } });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await api('GET', '/api/v1/datasets')).body.data.items.length).toBeGreaterThan(0);
    expect((await api('GET', `/api/v1/datasets/${id}`)).body.data.variables).toEqual(['topic']);
    expect((await api('PATCH', `/api/v1/datasets/${id}`, { body: { description: 'Animals' } })).status).toBe(200);
    const added = await api('POST', `/api/v1/datasets/${id}/items`, { body: { items: [{ input: { topic: 'bats' }, metadata: { source: 'test' } }] } });
    expect(added.body.data.count).toBe(1);
    const itemId = added.body.data.items[0].id as string;
    expect((await api('PATCH', `/api/v1/datasets/${id}/items/${itemId}`, { body: { expected: { any: 'json' } } })).status).toBe(200);
    expect((await api('GET', `/api/v1/datasets/${id}/items`)).body.data.items).toHaveLength(2);
    expect((await api('DELETE', `/api/v1/datasets/${id}/items/${itemId}`)).status).toBe(200);
    const csv = 'topic,expected\ncats,Echo\ndogs,Echo\n';
    expect((await api('POST', `/api/v1/datasets/${id}/import`, { rawBody: csv, headers: { 'content-type': 'text/csv' } })).body.data.count).toBe(2);
    expect((await api('POST', `/api/v1/datasets/${id}/import?mode=merge`, { rawBody: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(422);
    expect((await api('GET', `/api/v1/datasets/${id}/export?format=jsonl`)).body).toContain('"topic":"cats"');
    expect((await api('GET', `/api/v1/datasets/${id}/export?format=csv`)).body).toContain('topic');
    const spare = await api('POST', '/api/v1/datasets', { body: { name: 'Spare' } });
    expect((await api('DELETE', `/api/v1/datasets/${spare.body.data.id}`)).status).toBe(200);
  });

  it('experiments: create, detail, cells, items, compare, export, stream, cancel 409, rerun, retry-errors', async () => {
    const { body: prompt } = await api('POST', '/api/v1/prompts', { body: newPrompt('Experimented') });
    const { body: dataset } = await api('POST', '/api/v1/datasets', { body: { name: 'Exp items', items: [{ input: { topic: 'a' } }, { input: { topic: 'b' } }] } });
    const body = {
      datasetId: dataset.data.id,
      variants: [{ promptId: prompt.data.id }, { promptId: prompt.data.id, model: 'gpt-4o', label: 'bigger' }],
      evaluators: [{ type: 'contains', config: { value: 'Echo' } }],
    };
    const started = await api('POST', '/api/v1/experiments', { body });
    expect(started.status).toBe(202);
    const id = started.body.data.id as string;
    const finished = await until(() => api('GET', `/api/v1/experiments/${id}`), (r) => r.body.data.status === 'completed');
    expect(finished.body.data.summary).toHaveLength(2);
    expect((await api('GET', '/api/v1/experiments')).status).toBe(200);
    expect((await api('GET', `/api/v1/experiments/${id}/cells`)).body.data.items).toHaveLength(4);
    expect((await api('GET', `/api/v1/experiments/${id}/items`)).body.data.items).toHaveLength(2);
    expect((await api('GET', `/api/v1/experiments/${id}/compare?a=0&b=1`)).body.data.pairs).toBe(2);
    expect((await api('GET', `/api/v1/experiments/${id}/export?format=json`)).status).toBe(200);
    expect((await api('GET', `/api/v1/experiments/${id}/export?format=csv`)).body).toContain('variant');
    expect((await api('GET', `/api/v1/experiments/${id}/stream`)).body).toContain('event: done');
    expect((await api('POST', `/api/v1/experiments/${id}/cancel`)).status).toBe(409);
    const rerun = await api('POST', `/api/v1/experiments/${id}/rerun`, { body: { repeats: 1 } });
    expect(rerun.status).toBe(202);
    expect((await api('POST', `/api/v1/experiments/${id}/retry-errors`)).status).toBe(202);
  });

  it('labels, deployments, the prompt API for apps and exports', async () => {
    const { body: prompt } = await api('POST', '/api/v1/prompts', { body: { ...newPrompt('Delivered'), slug: 'delivered' } });
    const id = prompt.data.id as string;
    await api('POST', `/api/v1/prompts/${id}/versions`, { body: { userPrompt: 'Explain {{ topic }}' } });
    expect((await api('PUT', `/api/v1/prompts/${id}/labels/production`, { body: { versionNumber: 1, note: 'first' } })).status).toBe(201);
    expect((await api('PUT', `/api/v1/prompts/${id}/labels/production`, { body: { split: [{ versionNumber: 1, weight: 90 }, { versionNumber: 2, weight: 10 }] } })).status).toBe(200);
    expect((await api('GET', `/api/v1/prompts/${id}/labels`)).body.data.length).toBeGreaterThanOrEqual(2);
    expect((await api('GET', `/api/v1/prompts/${id}/deployments`)).body.data.items).toHaveLength(2);
    expect((await api('POST', `/api/v1/prompts/${id}/labels/production/rollback`, { body: { note: 'back' } })).status).toBe(200);
    expect((await api('GET', `/api/v1/prompts/${id}/labels/production/stats`)).status).toBe(200);
    const resolved = await api('GET', '/api/v1/prompts/by-slug/delivered?label=production&key=user-1');
    expect(resolved.status).toBe(200);
    const etag = resolved.headers.get('etag')!;
    expect((await api('GET', '/api/v1/prompts/by-slug/delivered?label=production&key=user-1', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await api('GET', '/api/v1/prompts/by-slug/nope')).status).toBe(404);
    const rendered = await api('POST', '/api/v1/prompts/by-slug/delivered/render', { body: { version: 2, variables: { topic: 'owls' } } });
    expect(rendered.body.data.anthropic.messages[0].content).toContain('owls');
    expect((await api('POST', '/api/v1/prompts/by-slug/delivered/render', { body: { variables: {} } })).status).toBe(422);
    expect((await api('POST', '/api/v1/runs', { body: { slug: 'delivered', label: 'production', variables: { topic: 'x' }, wait: 20 } })).body.data.label).toBe('production');
    expect((await api('DELETE', `/api/v1/prompts/${id}/labels/production`)).status).toBe(200);
    expect((await api('GET', `/api/v1/prompts/${id}/export?format=json`)).status).toBe(200);
    expect((await api('GET', `/api/v1/prompts/${id}/export?format=markdown`)).status).toBe(200);
    expect((await api('GET', '/api/v1/export')).status).toBe(200);
  });

  it('webhooks', async () => {
    const created = await api('POST', '/api/v1/webhooks', { body: { url: 'https://hooks.example.com/promptlab', events: ['label.moved'] } });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await api('GET', '/api/v1/webhooks')).status).toBe(200);
    expect((await api('GET', `/api/v1/webhooks/${id}`)).status).toBe(200);
    expect((await api('PATCH', `/api/v1/webhooks/${id}`, { body: { enabled: false } })).status).toBe(200);
    expect((await api('GET', `/api/v1/webhooks/${id}/deliveries`)).status).toBe(200);
    expect((await api('DELETE', `/api/v1/webhooks/${id}`)).status).toBe(200);
  });
});
