/**
 * On the embedded database the prompt with its current version is cached per instance (lib/prompts/prompt-cache.ts):
 * every write drops it, so reads and new runs see each change at once. On PostgreSQL nothing is cached.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as promptRoute from '@/app/api/v1/prompts/[id]/route';
import * as versionsRoute from '@/app/api/v1/prompts/[id]/versions/route';
import * as restoreRoute from '@/app/api/v1/prompts/[id]/restore/route';
import { getDb } from '@/db/client';
import { prompts } from '@/db/schema';
import { env } from '@/lib/env';
import { call, createTestUser, type TestUser } from './helpers';

let alice: TestUser;
const embedded = () => env().database.driver === 'pglite';

beforeAll(async () => {
  alice = await createTestUser();
});

async function newPrompt() {
  const res = await call(promptsRoute.POST, { method: 'POST', headers: alice.headers, body: { title: 'Cached', userPrompt: 'v1 {{x}}' } });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}

const read = async (id: string) => (await call(promptRoute.GET, { params: { id }, headers: alice.headers })).body.data;

describe('the prompt read', () => {
  it('is served from the cache on the embedded database, and read every time on a shared one', async () => {
    const id = await newPrompt();
    expect((await read(id)).title).toBe('Cached');
    // Behind the services' back (nothing in the app writes like this): only an uncached read sees it.
    await (await getDb()).update(prompts).set({ title: 'Changed underneath' }).where(eq(prompts.id, id));
    expect((await read(id)).title).toBe(embedded() ? 'Cached' : 'Changed underneath');
  });

  it('shows a metadata change, a new version, a restore and a deletion on the next read', async () => {
    const id = await newPrompt();
    await read(id); // cached

    expect((await call(promptRoute.PATCH, { method: 'PATCH', params: { id }, headers: alice.headers, body: { title: 'Renamed' } })).status).toBe(200);
    expect((await read(id)).title).toBe('Renamed');

    const saved = await call(versionsRoute.POST, { method: 'POST', params: { id }, headers: alice.headers, body: { userPrompt: 'v2 {{x}}' } });
    expect(saved.status).toBe(201);
    expect((await read(id)).currentVersion).toMatchObject({ versionNumber: 2, userPrompt: 'v2 {{x}}' });

    const restored = await call(restoreRoute.POST, { method: 'POST', params: { id }, headers: alice.headers, body: { versionNumber: 1 } });
    expect(restored.status).toBe(201);
    expect((await read(id)).currentVersion).toMatchObject({ versionNumber: 3, userPrompt: 'v1 {{x}}', restoredFrom: 1 });

    expect((await call(promptRoute.DELETE, { method: 'DELETE', params: { id }, headers: alice.headers })).status).toBe(200);
    expect((await call(promptRoute.GET, { params: { id }, headers: alice.headers })).status).toBe(404);
  });

  it("keeps workspaces apart: another workspace's read of a cached prompt is 404", async () => {
    const id = await newPrompt();
    await read(id);
    const bob = await createTestUser();
    expect((await call(promptRoute.GET, { params: { id }, headers: bob.headers })).status).toBe(404);
  });
});
