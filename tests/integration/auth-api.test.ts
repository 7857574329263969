import { beforeAll, describe, expect, it } from 'vitest';
import * as meRoute from '@/app/api/v1/me/route';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as apiKeysRoute from '@/app/api/v1/api-keys/route';
import * as apiKeyRoute from '@/app/api/v1/api-keys/[id]/route';
import { call, createTestUser, sessionCookie, type TestUser } from './helpers';

let alice: TestUser;

beforeAll(async () => {
  alice = await createTestUser();
});

describe('callers', () => {
  it('accepts a real Auth.js session cookie', async () => {
    const cookie = await sessionCookie(alice.user.id);
    const res = await call(meRoute.GET, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ user: { id: alice.user.id }, workspace: { id: alice.workspace.id, role: 'owner' }, via: 'session' });
  });

  it('rejects a forged or foreign session cookie', async () => {
    const res = await call(meRoute.GET, { headers: { cookie: 'authjs.session-token=not-a-jwt' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });

  it('accepts an API key, and rejects a wrong scheme, an unknown key and a revoked key', async () => {
    expect((await call(meRoute.GET, { headers: alice.headers })).body.data.via).toBe('api_key');
    for (const authorization of [`Basic ${alice.key}`, 'Bearer pl_nope_nope_nope_nope_nope', 'Bearer']) {
      const res = await call(meRoute.GET, { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
  });

  it('lets viewers read but not write', async () => {
    const viewer = await createTestUser({ role: 'viewer' });
    expect((await call(promptsRoute.GET, { headers: viewer.headers })).status).toBe(200);
    const res = await call(promptsRoute.POST, { method: 'POST', headers: viewer.headers, body: { title: 'x', userPrompt: 'y' } });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(res.body.error.message).toContain('editor');
  });

  it('refuses cookie-authenticated writes from another site', async () => {
    const cookie = await sessionCookie(alice.user.id);
    const body = { title: 'csrf', userPrompt: 'y' };
    const foreign = await call(promptsRoute.POST, { method: 'POST', body, headers: { cookie, origin: 'https://evil.example', host: 'localhost:3000' } });
    expect(foreign.status).toBe(403);
    const own = await call(promptsRoute.POST, { method: 'POST', body, headers: { cookie, origin: 'http://localhost:3000', host: 'localhost:3000' } });
    expect(own.status).toBe(201);
  });
});

describe('API keys', () => {
  it('creates a key shown once, lists it without the secret, records its use, and revokes it', async () => {
    const created = await call(apiKeysRoute.POST, { method: 'POST', headers: alice.headers, body: { name: 'CI' } });
    expect(created.status).toBe(201);
    const { key, id, prefix } = created.body.data;
    expect(key).toMatch(/^pl_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(prefix)).toBe(true);

    const listed = await call(apiKeysRoute.GET, { headers: alice.headers });
    const row = listed.body.data.find((k: { id: string }) => k.id === id);
    expect(row).toMatchObject({ name: 'CI', prefix, lastUsedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(key);

    expect((await call(meRoute.GET, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    const afterUse = await call(apiKeysRoute.GET, { headers: alice.headers });
    expect(afterUse.body.data.find((k: { id: string }) => k.id === id).lastUsedAt).not.toBeNull();

    const revoked = await call(apiKeyRoute.DELETE, { method: 'DELETE', params: { id }, headers: alice.headers });
    expect(revoked.status).toBe(200);
    const denied = await call(meRoute.GET, { headers: { authorization: `Bearer ${key}` } });
    expect(denied.status).toBe(401);
    expect(denied.body.error.message).toContain('revoked');
    expect((await call(apiKeyRoute.DELETE, { method: 'DELETE', params: { id }, headers: alice.headers })).status).toBe(404);
  });

  it('cannot revoke another workspace’s key', async () => {
    const bob = await createTestUser();
    const res = await call(apiKeyRoute.DELETE, { method: 'DELETE', params: { id: bob.apiKey.id }, headers: alice.headers });
    expect(res.status).toBe(404);
    expect((await call(meRoute.GET, { headers: bob.headers })).status).toBe(200);
  });

  it('requires a name', async () => {
    const res = await call(apiKeysRoute.POST, { method: 'POST', headers: alice.headers, body: { name: ' ' } });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('name');
  });
});
