import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as providersRoute from '@/app/api/v1/providers/route';
import * as providerRoute from '@/app/api/v1/providers/[id]/route';
import * as modelsRoute from '@/app/api/v1/providers/[id]/models/route';
import { startFakeLlmServer, type FakeLlm } from '../fixtures/fake-llm-server';
import { call, createTestUser, type TestUser } from './helpers';
import { pinClock } from './pin-clock';

vi.hoisted(() => {
  Object.assign(process.env, {
    OPENAI_API_KEY: '',
    ANTHROPIC_API_KEY: '',
    ALLOW_PRIVATE_PROVIDER_URLS: '',
    VERCEL: '',
    ENCRYPTION_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64'),
  });
});

const KEY = 'fake-key-000000000000';
let fake: FakeLlm;

beforeAll(async () => {
  // The first user also sets the database up, which can take a while.
  await createTestUser();
  fake = await startFakeLlmServer();
}, 120_000);

afterAll(async () => {
  await fake?.close();
});

const models = (user: TestUser, provider: string) => call(modelsRoute.GET, { params: { id: provider }, headers: user.headers });
const save = (user: TestUser, body: unknown) => call(providersRoute.POST, { method: 'POST', body, headers: user.headers });
const endpointCalls = () => fake.requests.filter((r) => r.path === '/v1/models').length;

async function userWithEndpoint(label = 'box') {
  const user = await createTestUser();
  const saved = await save(user, { provider: 'custom', label, baseUrl: fake.openaiBaseURL, apiKey: KEY });
  expect(saved.status).toBe(201);
  return { user, id: saved.body.data.id as string };
}

describe('GET /api/v1/providers/{provider}/models', () => {
  it('lists the endpoint’s own models, sorted, for any member', async () => {
    fake.reset();
    fake.configure({ requireApiKey: KEY, models: ['zeta-1', 'alpha-2'] });
    const { user } = await userWithEndpoint();
    const res = await models(user, 'box');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ provider: 'box', models: ['alpha-2', 'zeta-1'] });
    const viewer = await createTestUser({ role: 'viewer' });
    expect((await models(viewer, 'local')).body.data.models).toContain('promptlab-local');
  });

  it('caches the list for a minute per workspace and provider, and forgets it when the endpoint is edited', async () => {
    fake.reset();
    fake.configure({ requireApiKey: KEY, models: ['m-one'] });
    const { user, id } = await userWithEndpoint();
    await models(user, 'box');
    await models(user, 'box');
    expect(endpointCalls()).toBe(1);

    fake.configure({ requireApiKey: KEY, models: ['m-two'] });
    const edited = await call(providerRoute.PATCH, { method: 'PATCH', params: { id }, body: { apiKey: KEY }, headers: user.headers });
    expect(edited.status).toBe(200);
    expect((await models(user, 'box')).body.data.models).toEqual(['m-two']);
    expect(endpointCalls()).toBe(2);
  });

  it('answers 404 for an unknown provider and for another workspace’s endpoint', async () => {
    fake.reset();
    await userWithEndpoint('theirs');
    const me = await createTestUser();
    const res = await models(me, 'theirs');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await models(me, 'custom')).status).toBe(404);
    expect(endpointCalls()).toBe(0);
  });

  it('says what to configure for a provider without a key', async () => {
    const res = await models(await createTestUser(), 'openai');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('OPENAI_API_KEY');
  });

  it('answers 502 with the status, never the endpoint’s text, when the endpoint fails', async () => {
    fake.reset();
    fake.configure({ requireApiKey: KEY });
    const { user } = await userWithEndpoint();
    fake.enqueue({ kind: 'status', status: 500, message: 'secret at 10.0.0.1' });
    const res = await models(user, 'box');
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('PROVIDER_ERROR');
    expect(res.body.error.message).not.toContain('10.0.0.1');
  });

  it('limits cache misses to 30 a minute per user', async () => {
    const restoreClock = pinClock();
    try {
      fake.reset();
      const user = await createTestUser();
      // Saved first: each save forgets the workspace's cached lists.
      for (let i = 0; i <= 30; i++) await save(user, { provider: 'custom', label: `box-${i}`, baseUrl: fake.openaiBaseURL });
      for (let i = 0; i < 30; i++) expect((await models(user, `box-${i}`)).status).toBe(200);
      const limited = await models(user, 'box-30');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // A cached list is still served.
      expect((await models(user, 'box-0')).status).toBe(200);
    } finally {
      restoreClock();
    }
  });
});
