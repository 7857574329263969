/**
 * The production `neon` driver path (@neondatabase/serverless Pool over WebSockets + drizzle neon-serverless),
 * run against a local PostgreSQL through the WebSocket-to-TCP proxy fixture.
 * Needs TEST_DATABASE_URL (an admin URL, e.g. postgres://postgres@127.0.0.1:5432/postgres); skipped otherwise.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@/db/client';
import { promptVersions, prompts, users, workspaces } from '@/db/schema';
import { startNeonWsProxy, type NeonWsProxy } from '../fixtures/neon-ws-proxy';

const adminUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;

async function postgresUnavailableReason(url: string | undefined): Promise<string | undefined> {
  if (!url) return 'TEST_DATABASE_URL is not set';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return `no PostgreSQL answered at TEST_DATABASE_URL (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => {});
  }
}

const skipReason = await postgresUnavailableReason(adminUrl);
if (skipReason) console.warn(`[neon-driver.test] skipping: ${skipReason}`);

/** Finds the SQL error message, which drizzle wraps in a "Failed query" error with the driver's error as cause. */
function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  // The neon driver rejects with WebSocket ErrorEvents (not Errors) when the socket fails, so accept any `message`.
  while (current && typeof current === 'object' && 'message' in current && parts.length < 10) {
    parts.push(String(current.message));
    current = 'cause' in current ? current.cause : undefined;
  }
  return parts.length ? parts.join(' <- ') : String(error);
}

describe.skipIf(Boolean(skipReason))('neon serverless driver via a local WebSocket proxy', () => {
  const dbName = `promptlab_neon_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client | undefined;
  let proxy: NeonWsProxy | undefined;
  let handle: DatabaseHandle | undefined;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);

    const url = new URL(adminUrl!);
    url.hostname = '127.0.0.1';
    url.pathname = `/${dbName}`;

    proxy = await startNeonWsProxy();
    try {
      handle = await openDatabase({ driver: 'neon', url: url.toString(), neonWsProxy: proxy.url, migrate: true });
    } catch (error) {
      throw new Error(`openDatabase({ driver: 'neon', neonWsProxy: '${proxy.url}' }) failed: ${errorText(error)}`, {
        cause: error,
      });
    }
  });

  afterAll(async () => {
    await handle?.close().catch((error: unknown) => console.warn('closing the neon pool failed', error));
    await proxy?.close();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    }
  });

  function db() {
    if (!handle) throw new Error('database was not opened');
    return handle.db;
  }

  it('opens with the neon driver and the migrations created the tables', async () => {
    expect(handle?.driver).toBe('neon');
    const [created] = await db().insert(workspaces).values({ name: 'Neon workspace' }).returning();
    expect(created?.id).toMatch(/^[0-9a-f-]{36}$/);

    const rows = await db().select().from(workspaces).where(eq(workspaces.id, created!.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Neon workspace', personal: false });
    expect(rows[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('runs a named prepared statement repeatedly (the hot queries are prepared: db/prepared.ts)', async () => {
    const [created] = await db().insert(workspaces).values({ name: 'Prepared' }).returning();
    const byId = db().select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, sql.placeholder('id'))).prepare('neon_test_workspace_by_id');
    for (let i = 0; i < 3; i++) expect(await byId.execute({ id: created!.id })).toEqual([{ name: 'Prepared' }]);
  });

  it('rolls a transaction back when it throws', async () => {
    const name = `rolled back ${randomBytes(4).toString('hex')}`;
    await expect(
      db().transaction(async (tx) => {
        await tx.insert(workspaces).values({ name });
        // Visible inside the transaction...
        const inside = await tx.select().from(workspaces).where(eq(workspaces.name, name));
        expect(inside).toHaveLength(1);
        throw new Error('abort on purpose');
      }),
    ).rejects.toThrow('abort on purpose');

    // ...and gone afterwards.
    const after = await db().select().from(workspaces).where(eq(workspaces.name, name));
    expect(after).toHaveLength(0);
  });

  it('commits a transaction that succeeds', async () => {
    const name = `committed ${randomBytes(4).toString('hex')}`;
    await db().transaction(async (tx) => {
      await tx.insert(workspaces).values({ name });
    });
    const after = await db().select().from(workspaces).where(eq(workspaces.name, name));
    expect(after).toHaveLength(1);
  });

  it('refuses to update or delete a prompt version (immutability trigger)', async () => {
    const [user] = await db()
      .insert(users)
      .values({ name: 'Neon User', email: `neon-${randomBytes(4).toString('hex')}@example.test` })
      .returning();
    const [workspace] = await db().insert(workspaces).values({ name: 'Versions' }).returning();
    const [prompt] = await db()
      .insert(prompts)
      .values({ workspaceId: workspace!.id, title: 'Greeting', slug: 'greeting', createdBy: user!.id })
      .returning();
    const [version] = await db()
      .insert(promptVersions)
      .values({
        promptId: prompt!.id,
        workspaceId: workspace!.id,
        versionNumber: 1,
        userPrompt: 'Hello {{name}}',
        model: { provider: 'local', model: 'x' },
        authorId: user!.id,
      })
      .returning();
    expect(version?.versionNumber).toBe(1);

    const update = db()
      .update(promptVersions)
      .set({ userPrompt: 'tampered' })
      .where(eq(promptVersions.id, version!.id))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(errorText(await update)).toMatch(/prompt versions are immutable: UPDATE is not allowed/);

    const remove = db()
      .delete(promptVersions)
      .where(eq(promptVersions.id, version!.id))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(errorText(await remove)).toMatch(/prompt versions are immutable: DELETE is not allowed/);

    const [stored] = await db().select().from(promptVersions).where(eq(promptVersions.id, version!.id));
    expect(stored?.userPrompt).toBe('Hello {{name}}');
    expect(stored?.model).toEqual({ provider: 'local', model: 'x' });
  });
});

describe('neon WebSocket proxy fixture', () => {
  function closeCodeFor(url: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.on('close', (code) => resolve(code));
      socket.on('error', reject);
    });
  }

  it('refuses targets that are not loopback addresses, and malformed paths', async () => {
    const proxy = await startNeonWsProxy();
    try {
      expect(proxy.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
      expect(proxy.address).toBe(proxy.url.slice('ws://'.length));
      expect(await closeCodeFor(`${proxy.url}/v2?address=10.0.0.1:5432`)).toBe(1008);
      expect(await closeCodeFor(`${proxy.url}/v2?address=example.com:5432`)).toBe(1008);
      expect(await closeCodeFor(`${proxy.url}/v1?address=127.0.0.1:5432`)).toBe(1008);
      expect(await closeCodeFor(`${proxy.url}/v2`)).toBe(1008);
    } finally {
      await proxy.close();
    }
  });
});
