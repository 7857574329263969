import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as providersRoute from '@/app/api/v1/providers/route';
import * as providerRoute from '@/app/api/v1/providers/[id]/route';
import * as testRoute from '@/app/api/v1/providers/test/route';
import { getDb } from '@/db/client';
import { providerCredentials } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { listAvailableProviders, resolveProviderConfig } from '@/lib/providers/resolve';
import { startFakeLlmServer, type FakeLlm } from '../fixtures/fake-llm-server';
import { call, createTestUser, type TestUser } from './helpers';
import { pinClock } from './pin-clock';

// env() is read once per module registry: fix the instance settings before anything reads them.
const INSTANCE_OPENAI_KEY = vi.hoisted(() => {
  const key = 'sk-instance-000000000000';
  Object.assign(process.env, {
    OPENAI_API_KEY: key,
    OPENAI_BASE_URL: '',
    ANTHROPIC_API_KEY: '',
    TOGETHER_API_KEY: '',
    OLLAMA_BASE_URL: '',
    ALLOW_PRIVATE_PROVIDER_URLS: '',
    VERCEL: '',
    // Keeps the suite from generating .data/encryption-key in the working tree.
    ENCRYPTION_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64'),
  });
  return key;
});

const OPENAI_KEY = 'sk-proj-abcdefghijklmnop1234';

let admin: TestUser;
let editor: TestUser;
let viewer: TestUser;
let other: TestUser;
let fake: FakeLlm;

beforeAll(async () => {
  [admin, editor, viewer, other] = await Promise.all([
    createTestUser(),
    createTestUser({ role: 'editor' }),
    createTestUser({ role: 'viewer' }),
    createTestUser({ role: 'admin' }),
  ]);
  fake = await startFakeLlmServer();
});

afterAll(async () => {
  await fake?.close();
});

const create = (user: TestUser, body: unknown) => call(providersRoute.POST, { method: 'POST', body, headers: user.headers });
const list = (user: TestUser) => call(providersRoute.GET, { headers: user.headers });
const patch = (user: TestUser, id: string, body: unknown) =>
  call(providerRoute.PATCH, { method: 'PATCH', params: { id }, body, headers: user.headers });
const remove = (user: TestUser, id: string) => call(providerRoute.DELETE, { method: 'DELETE', params: { id }, headers: user.headers });
const testConnection = (user: TestUser, body: unknown) => call(testRoute.POST, { method: 'POST', body, headers: user.headers });

describe('POST /api/v1/providers', () => {
  it('stores the key encrypted and answers with its last four characters only', async () => {
    const res = await create(admin, { provider: 'openai', apiKey: OPENAI_KEY });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ provider: 'openai', label: 'openai', baseUrl: null, keyLast4: '1234' });
    expect(res.body.data).not.toHaveProperty('encryptedKey');
    expect(res.body.data).not.toHaveProperty('apiKey');
    expect(JSON.stringify(res.body)).not.toContain(OPENAI_KEY);

    const listed = await list(admin);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(OPENAI_KEY);
    expect(listed.body.data.credentials).toEqual([expect.objectContaining({ id: res.body.data.id, label: 'openai', keyLast4: '1234' })]);
    expect(listed.body.data.credentials[0]).not.toHaveProperty('encryptedKey');
    expect(listed.body.data.available).toContainEqual(expect.objectContaining({ id: 'openai', source: 'workspace' }));

    const db = await getDb();
    const [row] = await db.select().from(providerCredentials).where(eq(providerCredentials.id, res.body.data.id));
    expect(row!.encryptedKey).toMatch(/^v1:/);
    expect(row!.encryptedKey).not.toContain(OPENAI_KEY);
    expect(decryptSecret(row!.encryptedKey!)).toBe(OPENAI_KEY);
  });

  it('replaces the key when the same label is saved again for the same provider', async () => {
    const user = await createTestUser();
    const first = await create(user, { provider: 'groq', apiKey: 'gsk_first_key_000000aaaa' });
    const second = await create(user, { provider: 'groq', apiKey: 'gsk_second_key_00000bbbb' });
    expect(second.status).toBe(201);
    expect(second.body.data).toMatchObject({ id: first.body.data.id, keyLast4: 'bbbb' });
    expect((await list(user)).body.data.credentials).toHaveLength(1);
  });

  it('names the field a provider needs, so the form can mark it', async () => {
    const res = await create(await createTestUser(), { provider: 'groq', baseUrl: 'https://example.com/v1' });
    expect(res.status).toBe(422);
    expect(res.body.error.details?.fields).toEqual([{ path: 'apiKey', message: 'is required for Groq' }]);
  });

  it('answers 409 when the label is taken by another provider', async () => {
    const user = await createTestUser();
    expect((await create(user, { provider: 'custom', label: 'team-llm', baseUrl: fake.openaiBaseURL })).status).toBe(201);
    const taken = await create(user, { provider: 'groq', label: 'team-llm', apiKey: 'gsk_0000000000000000' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'CONFLICT' });
    expect(taken.body.error.message).toContain('team-llm');
    expect(taken.body.error.details?.fields).toEqual([{ path: 'label', message: expect.any(String) }]);
  });

  it('answers 409 when a rename takes another credential’s label', async () => {
    const user = await createTestUser();
    expect((await create(user, { provider: 'custom', label: 'first-llm', baseUrl: fake.openaiBaseURL })).status).toBe(201);
    const second = await create(user, { provider: 'custom', label: 'second-llm', baseUrl: fake.openaiBaseURL });
    const renamed = await patch(user, second.body.data.id, { label: 'first-llm' });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error).toMatchObject({ code: 'CONFLICT', details: { fields: [{ path: 'label' }] } });
  });

  it.each([
    ['a key-less OpenAI', { provider: 'openai' }, 'apiKey'],
    ['an unknown provider', { provider: 'acme', apiKey: 'k' }, 'provider'],
    ['the built-in model', { provider: 'local' }, 'provider'],
    ['an unknown field', { provider: 'openai', apiKey: 'k', colour: 'red' }, 'colour'],
    ['a base URL for a fixed endpoint', { provider: 'groq', apiKey: 'gsk_x', baseUrl: 'https://example.com/v1' }, 'baseUrl'],
    ['a custom endpoint without a base URL', { provider: 'custom', label: 'mine' }, 'baseUrl'],
    ['a non-http base URL', { provider: 'custom', label: 'mine', baseUrl: 'ftp://example.com/v1' }, 'baseUrl'],
    ['a label naming another built-in provider', { provider: 'openai', label: 'anthropic', apiKey: 'k' }, 'label'],
    ['a label with a slash', { provider: 'openai', label: 'a/b', apiKey: 'k' }, 'label'],
  ])('answers 422 for %s, naming `%s`', async (_case, body, field) => {
    const res = await create(admin, body);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(res.body.error.message).toContain(field);
  });

  it.each([
    ['editor', () => editor],
    ['viewer', () => viewer],
  ])('refuses a %s with 403', async (_role, who) => {
    const res = await create(who(), { provider: 'openai', apiKey: OPENAI_KEY });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(res.body.error.message).toContain('admin');
  });

  it('says which generation params each available provider ignores (Anthropic: temperature and top-p)', async () => {
    await create(admin, { provider: 'anthropic', apiKey: 'sk-ant-test-key-5678' });
    const listed = await list(admin);
    expect(listed.body.data.available).toContainEqual(expect.objectContaining({ id: 'anthropic', ignoredParams: ['temperature', 'topP'] }));
    expect(listed.body.data.available).toContainEqual(expect.objectContaining({ id: 'local', ignoredParams: [] }));
  });

  it('lets a viewer see the providers, and an admin member manage them', async () => {
    const seen = await list(viewer);
    expect(seen.status).toBe(200);
    expect(seen.body.data.available).toContainEqual(expect.objectContaining({ id: 'local', source: 'builtin', models: ['promptlab-local'] }));
    expect(seen.body.data.catalog.map((e: { id: string }) => e.id)).toEqual(
      expect.arrayContaining(['local', 'openai', 'anthropic', 'groq', 'openrouter', 'together', 'ollama', 'lmstudio', 'vllm', 'custom']),
    );
    expect((await create(other, { provider: 'anthropic', apiKey: 'sk-ant-000000000000zzzz' })).status).toBe(201);
  });
});

describe('PATCH and DELETE /api/v1/providers/{id}', () => {
  it('relabels and replaces the key, refuses removing a required key, and deletes', async () => {
    const user = await createTestUser();
    const { body } = await create(user, { provider: 'openai', label: 'openai-team', apiKey: 'sk-team-0000000000001111' });
    const id = body.data.id;

    const renamed = await patch(user, id, { label: 'openai-research', apiKey: 'sk-team-0000000000002222' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ label: 'openai-research', keyLast4: '2222' });
    expect(JSON.stringify(renamed.body)).not.toContain('sk-team');

    const keyless = await patch(user, id, { apiKey: null });
    expect(keyless.status).toBe(422);
    expect(keyless.body.error.message).toContain('apiKey');

    expect((await patch(editor, id, { label: 'x' })).status).toBe(403);
    expect((await remove(editor, id)).status).toBe(403);

    const deleted = await remove(user, id);
    expect(deleted.status).toBe(200);
    expect((await list(user)).body.data.credentials).toEqual([]);
    expect((await remove(user, id)).status).toBe(404);
  });

  it('answers 404 for another workspace’s credential and for malformed ids', async () => {
    const { body } = await create(admin, { provider: 'custom', label: 'admins-endpoint', baseUrl: fake.openaiBaseURL });
    const id = body.data.id;
    for (const res of [await patch(other, id, { label: 'stolen' }), await remove(other, id), await remove(other, 'not-a-uuid')]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await list(admin)).body.data.credentials).toContainEqual(expect.objectContaining({ id, label: 'admins-endpoint' }));
    const probe = await testConnection(other, { provider: 'admins-endpoint' });
    expect(probe.status).toBe(422);
  });
});

describe('resolveProviderConfig', () => {
  it('uses the instance settings until the workspace saves its own key', async () => {
    const user = await createTestUser();
    expect(await resolveProviderConfig({ workspaceId: user.workspace.id, provider: 'openai' })).toEqual({
      kind: 'openai',
      apiKey: INSTANCE_OPENAI_KEY,
      label: 'openai',
      trusted: true, // the operator's own settings: not guarded, messages shown
    });
    expect((await listAvailableProviders(user.workspace.id)).find((p) => p.id === 'openai')).toMatchObject({ source: 'instance' });

    await create(user, { provider: 'openai', apiKey: OPENAI_KEY, baseUrl: fake.openaiBaseURL });
    expect(await resolveProviderConfig({ workspaceId: user.workspace.id, provider: 'openai' })).toEqual({
      kind: 'openai',
      apiKey: OPENAI_KEY,
      baseURL: fake.openaiBaseURL,
      label: 'openai',
    });
    expect((await listAvailableProviders(user.workspace.id)).find((p) => p.id === 'openai')).toMatchObject({ source: 'workspace' });
    // Another workspace still gets the instance key.
    expect(await resolveProviderConfig({ workspaceId: other.workspace.id, provider: 'openai' })).toMatchObject({ apiKey: INSTANCE_OPENAI_KEY });
  });

  it('resolves the built-in model and custom endpoints by label', async () => {
    const user = await createTestUser();
    expect(await resolveProviderConfig({ workspaceId: user.workspace.id, provider: 'local' })).toEqual({ kind: 'local', label: 'local' });
    await create(user, { provider: 'custom', label: 'My-Box', baseUrl: fake.openaiBaseURL, apiKey: 'box-key-0000000000' });
    expect(await resolveProviderConfig({ workspaceId: user.workspace.id, provider: 'my-box' })).toEqual({
      kind: 'openai-compatible',
      apiKey: 'box-key-0000000000',
      baseURL: fake.openaiBaseURL,
      label: 'my-box',
    });
    const available = await listAvailableProviders(user.workspace.id);
    expect(available).toContainEqual({ id: 'my-box', label: 'my-box', kind: 'openai-compatible', source: 'workspace', models: [], ignoredParams: [] });
    expect(available.map((p) => p.id)).not.toContain('anthropic');
    expect(JSON.stringify(available)).not.toContain('box-key');
  });

  it('names what to configure when a provider is not configured', async () => {
    const user = await createTestUser();
    await expect(resolveProviderConfig({ workspaceId: user.workspace.id, provider: 'anthropic' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      status: 422,
      message: 'provider `anthropic` is not configured: add a key in Settings → Model providers, or set ANTHROPIC_API_KEY',
    });
    await expect(resolveProviderConfig({ workspaceId: user.workspace.id, provider: 'ollama' })).rejects.toMatchObject({
      message: 'provider `ollama` is not configured: add a base URL in Settings → Model providers, or set OLLAMA_BASE_URL',
    });
  });

  it('lists the valid ids for an unknown provider', async () => {
    const user = await createTestUser();
    await create(user, { provider: 'custom', label: 'edge-box', baseUrl: fake.openaiBaseURL });
    const error = await resolveProviderConfig({ workspaceId: user.workspace.id, provider: 'acme' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', status: 422 });
    const message = (error as Error).message;
    for (const id of ['local', 'openai', 'anthropic', 'groq', 'ollama', 'edge-box']) expect(message).toContain(`\`${id}\``);
    expect(message).toContain('`acme`');
  });
});

describe('POST /api/v1/providers/test', () => {
  it('lists the models of a saved endpoint', async () => {
    fake.reset();
    fake.configure({ requireApiKey: 'fake-key-000000000000', models: ['m-one', 'm-two'] });
    const user = await createTestUser();
    await create(user, { provider: 'custom', label: 'fake', baseUrl: fake.openaiBaseURL, apiKey: 'fake-key-000000000000' });
    const res = await testConnection(user, { provider: 'fake' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ok: true, models: ['m-one', 'm-two'] });
  });

  it('tests unsaved values for an admin, and answers 502 without the key on a bad key', async () => {
    fake.reset();
    fake.configure({ requireApiKey: 'right-key-0000000000' });
    const good = await testConnection(admin, { provider: 'custom', baseUrl: fake.openaiBaseURL, apiKey: 'right-key-0000000000' });
    expect(good.status).toBe(200);
    expect(good.body.data.ok).toBe(true);

    const bad = await testConnection(admin, { provider: 'custom', baseUrl: fake.openaiBaseURL, apiKey: 'wrong-key-0000000000' });
    expect(bad.status).toBe(502);
    expect(bad.body.error).toMatchObject({ code: 'PROVIDER_ERROR' });
    expect(bad.body.error.message).not.toContain('wrong-key-0000000000');

    const anthropic = await testConnection(admin, { provider: 'anthropic', baseUrl: fake.anthropicBaseURL, apiKey: 'right-key-0000000000' });
    expect(anthropic.status).toBe(200);
    expect(anthropic.body.data.ok).toBe(true);

    expect((await testConnection(editor, { provider: 'custom', baseUrl: fake.openaiBaseURL })).status).toBe(403);
    expect((await testConnection(viewer, { provider: 'local' })).status).toBe(403);
  });

  it('tests the built-in model and reports a provider that is not configured', async () => {
    const local = await testConnection(editor, { provider: 'local' });
    expect(local.status).toBe(200);
    expect(local.body.data.models).toContain('promptlab-local');
    const missing = await testConnection(editor, { provider: 'anthropic' });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain('ANTHROPIC_API_KEY');
  });

  it('answers 502 when the endpoint does not answer', async () => {
    const res = await testConnection(admin, { provider: 'custom', baseUrl: 'http://127.0.0.1:9/v1' });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'PROVIDER_ERROR' });
  });

  it('reports the status of a failing custom endpoint, never the text of its answer', async () => {
    fake.reset();
    fake.enqueue({ kind: 'status', status: 500, message: 'db at 10.1.2.3 said: root password hunter2' });
    const user = await createTestUser();
    const res = await testConnection(user, { provider: 'custom', baseUrl: fake.openaiBaseURL, apiKey: 'box-key-0000000000' });
    expect(res.status).toBe(502);
    expect(res.body.error).toEqual({ code: 'PROVIDER_ERROR', message: 'custom: HTTP 500 Internal Server Error (server_error)' });
  });

  it('is limited to 10 tests a minute per user, answering 429 with Retry-After', async () => {
    const restoreClock = pinClock();
    try {
      const user = await createTestUser();
      for (let i = 0; i < 10; i++) expect((await testConnection(user, { provider: 'local' })).status).toBe(200);
      const limited = await testConnection(user, { provider: 'local' });
      expect(limited.status).toBe(429);
      expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('10 a minute') });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another user has a budget of their own.
      expect((await testConnection(await createTestUser(), { provider: 'local' })).status).toBe(200);
    } finally {
      restoreClock();
    }
  });
});

describe('with ALLOW_PRIVATE_PROVIDER_URLS=false', () => {
  // A fresh module registry reads the changed setting; it opens its own database handle, closed below.
  let fresh: {
    providers: typeof providersRoute;
    test: typeof testRoute;
    helpers: typeof import('./helpers');
    resolve: typeof import('@/lib/providers/resolve');
    registry: typeof import('@/lib/llm/registry');
    queries: typeof import('@/db/queries/provider-credentials');
    closeDb: () => Promise<void>;
  };
  let user: TestUser;

  beforeAll(async () => {
    process.env.ALLOW_PRIVATE_PROVIDER_URLS = 'false';
    vi.resetModules();
    fresh = {
      providers: await import('@/app/api/v1/providers/route'),
      test: await import('@/app/api/v1/providers/test/route'),
      helpers: await import('./helpers'),
      resolve: await import('@/lib/providers/resolve'),
      registry: await import('@/lib/llm/registry'),
      queries: await import('@/db/queries/provider-credentials'),
      closeDb: (await import('@/db/client')).closeDb,
    };
    user = await fresh.helpers.createTestUser();
  });

  afterAll(async () => {
    process.env.ALLOW_PRIVATE_PROVIDER_URLS = '';
    await fresh?.closeDb();
  });

  it.each([
    ['http://127.0.0.1:11434/v1', 'points to a private or unresolvable address'],
    ['http://[::ffff:169.254.169.254]/v1', 'points to a private or unresolvable address'],
    ['http://10.0.0.5:8000/v1', 'points to a private or unresolvable address'],
    ['http://localhost:11434/v1', 'localhost'],
  ])('refuses the base URL %s with 422 (%s)', async (baseUrl, named) => {
    const res = await fresh.helpers.call(fresh.providers.POST, { method: 'POST', body: { provider: 'ollama', baseUrl }, headers: user.headers });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(res.body.error.message).toContain(named);
    expect(res.body.error.message).toContain('ALLOW_PRIVATE_PROVIDER_URLS=true');
  });

  it('refuses private addresses when testing unsaved values and when using a saved endpoint', async () => {
    const probe = await fresh.helpers.call(fresh.test.POST, {
      method: 'POST',
      body: { provider: 'custom', baseUrl: 'http://127.0.0.1:11434/v1' },
      headers: user.headers,
    });
    expect(probe.status).toBe(422);
    expect(probe.body.error.message).toContain('`http://127.0.0.1:11434/v1` points to a private or unresolvable address');

    // Saved before the setting changed (or before its DNS name moved): refused again when used, at connect time.
    await fresh.queries.saveProviderCredential({
      workspaceId: user.workspace.id,
      provider: 'custom',
      label: 'old-box',
      baseUrl: 'http://127.0.0.1:8000/v1',
      encryptedKey: null,
      keyLast4: null,
    });
    const config = await fresh.resolve.resolveProviderConfig({ workspaceId: user.workspace.id, provider: 'old-box' });
    const call = fresh.registry.createProvider(config).complete({ model: 'm', messages: [{ role: 'user', content: 'hi' }], params: {}, timeoutMs: 2000 });
    await expect(call).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('private or unresolvable address') });
  });

  it('leaves a DNS failure at run time to the connection, where it is a retryable network error, not a refusal', async () => {
    await fresh.queries.saveProviderCredential({
      workspaceId: user.workspace.id,
      provider: 'custom',
      label: 'flaky-dns',
      baseUrl: 'http://flaky-dns.invalid/v1',
      encryptedKey: null,
      keyLast4: null,
    });
    const config = await fresh.resolve.resolveProviderConfig({ workspaceId: user.workspace.id, provider: 'flaky-dns' });
    expect(config).toMatchObject({ baseURL: 'http://flaky-dns.invalid/v1' });
    const call = fresh.registry.createProvider(config).complete({ model: 'm', messages: [{ role: 'user', content: 'hi' }], params: {}, timeoutMs: 2000 });
    await expect(call).rejects.toMatchObject({ kind: 'network', retryable: true });
  });

  it('accepts a public endpoint', async () => {
    const res = await fresh.helpers.call(fresh.providers.POST, {
      method: 'POST',
      body: { provider: 'custom', label: 'public', baseUrl: 'https://8.8.8.8/v1' },
      headers: user.headers,
    });
    expect(res.status).toBe(201);
  });

  it('refuses at connect time a name that resolved publicly when checked (DNS rebinding)', async () => {
    const dns = (await import('node:dns')).default;
    const port = new URL(fake.openaiBaseURL).port;
    // The save-time check sees a public address; the connection then gets the fake server's 127.0.0.1.
    vi.spyOn(dns.promises, 'lookup').mockResolvedValue([{ address: '93.184.216.34', family: 4 }] as never);
    vi.spyOn(dns, 'lookup').mockImplementation(((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
      options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)) as never);
    try {
      fake.reset();
      const saved = await fresh.helpers.call(fresh.providers.POST, {
        method: 'POST',
        body: { provider: 'custom', label: 'rebinder', baseUrl: `http://rebind.example:${port}/v1` },
        headers: user.headers,
      });
      expect(saved.status).toBe(201);
      const res = await fresh.helpers.call(fresh.test.POST, { method: 'POST', body: { provider: 'rebinder' }, headers: user.headers });
      expect(res.status).toBe(502);
      expect(res.body.error.message).toContain('rebind.example points to a private or unresolvable address');
      expect(res.body.error.message).not.toContain('127.0.0.1');
      expect(fake.requests).toEqual([]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
