import { beforeAll, describe, expect, it } from 'vitest';
import * as apiKeysRoute from '@/app/api/v1/api-keys/route';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as promptRoute from '@/app/api/v1/prompts/[id]/route';
import * as diffRoute from '@/app/api/v1/prompts/[id]/diff/route';
import * as restoreRoute from '@/app/api/v1/prompts/[id]/restore/route';
import * as versionsRoute from '@/app/api/v1/prompts/[id]/versions/route';
import * as providersRoute from '@/app/api/v1/providers/route';
import * as providerRoute from '@/app/api/v1/providers/[id]/route';
import * as providerTestRoute from '@/app/api/v1/providers/test/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import * as workspaceRoute from '@/app/api/v1/workspace/route';
import { call, createTestUser, type TestUser } from './helpers';

// Every endpoint that reads a body or a query string refuses text PostgreSQL cannot store (NUL) or that is not
// text at all (a lone surrogate) with 422 naming the field, instead of a 500 or a silently altered value.

let owner: TestUser;
let promptId: string;

beforeAll(async () => {
  owner = await createTestUser();
  const created = await call(promptsRoute.POST, { method: 'POST', headers: owner.headers, body: { title: 'Clean', userPrompt: 'About {{topic}}' } });
  promptId = created.body.data.id;
});

type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;
type BodyCase = { route: string; handler: Handler; method: string; params?: () => Record<string, string>; body: (bad: string) => object; field: string };

const anyId = '00000000-0000-4000-8000-000000000000';
const bodyCases: BodyCase[] = [
  { route: 'POST /prompts', handler: promptsRoute.POST, method: 'POST', body: (bad) => ({ title: bad, userPrompt: 'x' }), field: 'title' },
  {
    route: 'POST /prompts (nested)',
    handler: promptsRoute.POST,
    method: 'POST',
    body: (bad) => ({ title: 't', userPrompt: '{{a}}', variables: [{ name: 'a', type: 'string', description: bad }] }),
    field: 'variables.0.description',
  },
  { route: 'PATCH /prompts/{id}', handler: promptRoute.PATCH, method: 'PATCH', params: () => ({ id: promptId }), body: (bad) => ({ description: bad }), field: 'description' },
  { route: 'POST /prompts/{id}/versions', handler: versionsRoute.POST, method: 'POST', params: () => ({ id: promptId }), body: (bad) => ({ userPrompt: bad }), field: 'userPrompt' },
  {
    route: 'POST /prompts/{id}/versions (stop)',
    handler: versionsRoute.POST,
    method: 'POST',
    params: () => ({ id: promptId }),
    body: (bad) => ({ userPrompt: 'x', model: { provider: 'openai', model: 'm', stop: ['ok', bad] } }),
    field: 'model.stop.1',
  },
  { route: 'POST /prompts/{id}/restore', handler: restoreRoute.POST, method: 'POST', params: () => ({ id: promptId }), body: (bad) => ({ versionNumber: 1, note: bad }), field: 'note' },
  { route: 'POST /runs', handler: runsRoute.POST, method: 'POST', body: (bad) => ({ promptId, variables: { topic: bad } }), field: 'variables.topic' },
  { route: 'POST /providers', handler: providersRoute.POST, method: 'POST', body: (bad) => ({ provider: 'openai', label: bad, apiKey: 'sk-test' }), field: 'label' },
  { route: 'PATCH /providers/{id}', handler: providerRoute.PATCH, method: 'PATCH', params: () => ({ id: anyId }), body: (bad) => ({ apiKey: bad }), field: 'apiKey' },
  { route: 'POST /providers/test', handler: providerTestRoute.POST, method: 'POST', body: (bad) => ({ provider: bad }), field: 'provider' },
  { route: 'PATCH /workspace', handler: workspaceRoute.PATCH, method: 'PATCH', body: (bad) => ({ modelAllowlist: ['openai/gpt-4o', bad] }), field: 'modelAllowlist.1' },
  { route: 'POST /api-keys', handler: apiKeysRoute.POST, method: 'POST', body: (bad) => ({ name: bad }), field: 'name' },
];

const send = (c: BodyCase, body: object) =>
  call(c.handler, { method: c.method, params: c.params?.() ?? {}, body, headers: owner.headers });

describe.each(bodyCases)('$route', (c) => {
  it.each([
    ['a NUL byte', 'before\u0000after', /NUL/],
    ['a lone high surrogate', 'before\ud800after', /surrogate/],
    ['a lone low surrogate', '\udc00', /surrogate/],
  ])(`answers 422 naming \`${c.field}\` for %s`, async (_what, bad, reason) => {
    const res = await send(c, c.body(bad));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details?.fields).toEqual([{ path: c.field, message: expect.stringMatching(reason) }]);
    expect(res.body.error.message).toContain(`\`${c.field}\``);
  });

  it('answers 422 for a NUL in a field name, shown printable', async () => {
    const res = await send(c, { ...c.body('ok'), 'bad\u0000key': 'x' });
    expect(res.status).toBe(422);
    expect(res.body.error.details?.fields).toEqual([{ path: 'bad\uFFFDkey', message: expect.stringMatching(/field name .*NUL/) }]);
  });
});

describe.each([
  { route: 'GET /prompts', handler: promptsRoute.GET as Handler, params: {}, query: 'q', field: 'q' },
  { route: 'GET /prompts/{id}/versions', handler: versionsRoute.GET as Handler, params: 'prompt', query: 'cursor', field: 'cursor' },
  { route: 'GET /prompts/{id}/diff', handler: diffRoute.GET as Handler, params: 'prompt', query: 'to=1&from', field: 'from' },
  { route: 'GET /runs', handler: runsRoute.GET as Handler, params: {}, query: 'q', field: 'q' },
])('$route', ({ handler, params, query, field }) => {
  const get = (path: string) => call(handler, { path, params: params === 'prompt' ? { id: promptId } : params, headers: owner.headers });

  it(`answers 422 naming \`${field}\` for a NUL in the value`, async () => {
    const res = await get(`/x?${query}=a%00b`);
    expect(res.status).toBe(422);
    expect(res.body.error.details?.fields).toEqual([{ path: field, message: expect.stringMatching(/NUL/) }]);
  });

  it('answers 422 for a NUL in a parameter name', async () => {
    const res = await get('/x?a%00b=1');
    expect(res.status).toBe(422);
    expect(res.body.error.details?.fields?.[0]).toEqual({ path: 'a\uFFFDb', message: expect.stringMatching(/parameter name .*NUL/) });
  });
});

describe('well-formed text and structure limits', () => {
  it('stores text with surrogate pairs (emoji) and other control characters unchanged', async () => {
    const title = 'Grüße 😀 \u0007 tab\there';
    const res = await call(promptsRoute.POST, { method: 'POST', headers: owner.headers, body: { title, userPrompt: 'Say 👋 to {{name}}' } });
    expect(res.status).toBe(201);
    const read = await call(promptRoute.GET, { params: { id: res.body.data.id }, headers: owner.headers });
    expect(read.body.data.title).toBe(title);
    expect(read.body.data.currentVersion.userPrompt).toBe('Say 👋 to {{name}}');
  });

  it('refuses JSON nested deeper than 32 levels, naming where', async () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 40; i++) deep = [deep];
    const res = await call(runsRoute.POST, { method: 'POST', headers: owner.headers, body: { promptId, variables: { topic: deep } } });
    expect(res.status).toBe(422);
    const [field] = res.body.error.details!.fields!;
    expect(field!.path.startsWith('variables.topic.0.0')).toBe(true);
    expect(field!.message).toMatch(/deeper than 32/);
  });

  it('refuses a body with more than 10,000 field names', async () => {
    const wide = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, 1]));
    const res = await call(runsRoute.POST, { method: 'POST', headers: owner.headers, body: { promptId, variables: wide } });
    expect(res.status).toBe(422);
    expect(res.body.error.details?.fields?.[0]?.message).toMatch(/more than 10000 fields/);
  });
});
