/** Callers are cached per instance (lib/auth/caller-cache.ts); what changes a caller drops it at once. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import * as meRoute from '@/app/api/v1/me/route';
import * as apiKeyRoute from '@/app/api/v1/api-keys/[id]/route';
import * as workspaceRoute from '@/app/api/v1/workspace/route';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { CALLER_TTL_MS } from '@/lib/auth/caller-cache';
import { call, createTestUser, sessionCookie } from './helpers';

const renameInDatabase = async (userId: string, name: string) => (await getDb()).update(users).set({ name }).where(eq(users.id, userId));
const sameSite = { origin: 'http://localhost:3000', host: 'localhost:3000' };

afterEach(() => {
  vi.useRealTimers();
});

describe('cached API-key callers', () => {
  it('answers from the cache until the entry expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const alice = await createTestUser();
    expect((await call(meRoute.GET, { headers: alice.headers })).body.data.user.name).toBe('Test User');
    await renameInDatabase(alice.user.id, 'Renamed');
    // No query this time: the caller resolved a moment ago is reused.
    expect((await call(meRoute.GET, { headers: alice.headers })).body.data.user.name).toBe('Test User');
    vi.setSystemTime(Date.now() + CALLER_TTL_MS + 1);
    expect((await call(meRoute.GET, { headers: alice.headers })).body.data.user.name).toBe('Renamed');
  });

  it('refuses a revoked key on the very next request, revoked by its owner or by an admin', async () => {
    const alice = await createTestUser();
    expect((await call(meRoute.GET, { headers: alice.headers })).status).toBe(200); // now cached
    const revoked = await call(apiKeyRoute.DELETE, { method: 'DELETE', params: { id: alice.apiKey.id }, headers: { cookie: await sessionCookie(alice.user.id), ...sameSite } });
    expect(revoked.status).toBe(200);
    const denied = await call(meRoute.GET, { headers: alice.headers });
    expect(denied.status).toBe(401);
    expect(denied.body.error.code).toBe('UNAUTHORIZED');
  });

  it("keeps other keys' callers when one key is revoked", async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    await call(meRoute.GET, { headers: bob.headers });
    await renameInDatabase(bob.user.id, 'Bob, renamed');
    await call(apiKeyRoute.DELETE, { method: 'DELETE', params: { id: alice.apiKey.id }, headers: alice.headers });
    expect((await call(meRoute.GET, { headers: bob.headers })).body.data.user.name).toBe('Test User');
  });
});

describe('cached callers and workspace policy', () => {
  it('shows a new budget and allowlist on the next request, with an API key and with a session', async () => {
    const owner = await createTestUser();
    const cookie = await sessionCookie(owner.user.id);
    const read = async (headers: Record<string, string>) => (await call(workspaceRoute.GET, { headers })).body.data;
    expect(await read(owner.headers)).toMatchObject({ monthlyBudgetUsd: null, modelAllowlist: null });
    expect(await read({ cookie })).toMatchObject({ monthlyBudgetUsd: null, modelAllowlist: null });

    const patched = await call(workspaceRoute.PATCH, {
      method: 'PATCH',
      headers: { cookie, ...sameSite },
      body: { monthlyBudgetUsd: 5, modelAllowlist: ['openai/gpt-4o'] },
    });
    expect(patched.status).toBe(200);
    expect(await read(owner.headers)).toMatchObject({ monthlyBudgetUsd: 5, modelAllowlist: ['openai/gpt-4o'] });
    expect(await read({ cookie })).toMatchObject({ monthlyBudgetUsd: 5, modelAllowlist: ['openai/gpt-4o'] });
  });
});

describe('cached session callers', () => {
  it('reuses the caller of a signed-in user until the entry expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const alice = await createTestUser();
    const cookie = await sessionCookie(alice.user.id);
    expect((await call(meRoute.GET, { headers: { cookie } })).body.data).toMatchObject({ via: 'session', user: { name: 'Test User' } });
    await renameInDatabase(alice.user.id, 'Renamed');
    expect((await call(meRoute.GET, { headers: { cookie } })).body.data.user.name).toBe('Test User');
    vi.setSystemTime(Date.now() + CALLER_TTL_MS + 1);
    expect((await call(meRoute.GET, { headers: { cookie } })).body.data.user.name).toBe('Renamed');
  });
});
