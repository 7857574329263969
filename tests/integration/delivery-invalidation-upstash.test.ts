/**
 * Resolutions cached per instance, invalidated across instances through Upstash Redis (the real @upstash/redis
 * client against the REST stand-in over the local Redis). "Another instance" moves a label as its code does: the
 * row changes in the shared database and the delivery change counter is incremented; this instance serves its
 * cached resolution until its next check, then the new version. Skipped when no Redis answers on 127.0.0.1:6379.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { Redis } from '@upstash/redis';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisUnavailableReason, startUpstashStandin, type UpstashStandin } from '../fixtures/upstash-redis-standin';

const REDIS_URL = 'redis://127.0.0.1:6379';
const DB = 13;
const skipReason = await redisUnavailableReason(REDIS_URL);
if (skipReason) console.warn(`[delivery-invalidation-upstash.test] skipping: ${skipReason}`);

describe.skipIf(Boolean(skipReason))('delivery invalidation through Upstash', () => {
  const token = randomBytes(16).toString('hex');
  let standin: UpstashStandin;
  let otherInstance: Redis;
  let lib: {
    helpers: typeof import('./helpers');
    cache: typeof import('@/lib/delivery/delivery-cache');
    log: typeof import('@/lib/delivery/prompt-change-log');
    db: typeof import('@/db/client');
    schema: typeof import('@/db/schema');
    prompts: typeof import('@/app/api/v1/prompts/route');
    versions: typeof import('@/app/api/v1/prompts/[id]/versions/route');
    label: typeof import('@/app/api/v1/prompts/[id]/labels/[label]/route');
    bySlug: typeof import('@/app/api/v1/prompts/by-slug/[slug]/route');
  };

  beforeAll(async () => {
    standin = await startUpstashStandin({ redisUrl: REDIS_URL, token, db: DB });
    otherInstance = new Redis({ url: standin.url, token, enableTelemetry: false });
    vi.resetModules(); // env() and the Redis client are memoised per module instance
    vi.stubEnv('UPSTASH_REDIS_REST_URL', standin.url);
    vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', token);
    lib = {
      helpers: await import('./helpers'),
      cache: await import('@/lib/delivery/delivery-cache'),
      log: await import('@/lib/delivery/prompt-change-log'),
      db: await import('@/db/client'),
      schema: await import('@/db/schema'),
      prompts: await import('@/app/api/v1/prompts/route'),
      versions: await import('@/app/api/v1/prompts/[id]/versions/route'),
      label: await import('@/app/api/v1/prompts/[id]/labels/[label]/route'),
      bySlug: await import('@/app/api/v1/prompts/by-slug/[slug]/route'),
    };
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    const direct = new IORedis(REDIS_URL, { db: DB, protocol: 2 });
    await direct.del(lib?.cache.DELIVERY_CHANGE_KEY ?? 'delivery:v1:prompt-changes', lib?.cache.DELIVERY_CHANGE_LOG_KEY ?? 'delivery:v1:prompt-change-log');
    await direct.quit();
    await lib?.db.closeDb();
    await standin?.close();
  });

  it("serves its cached resolution until its next check, then another instance's label move, and keeps the other prompts", async () => {
    const { call, createTestUser } = lib.helpers;
    const alice = await createTestUser();
    const promptWithProduction = async () => {
      const slug = `shared-${randomUUID().slice(0, 8)}`;
      const created = await call(lib.prompts.POST, { method: 'POST', headers: alice.headers, body: { title: 'Shared', slug, userPrompt: 'v1 {{ x }}' } });
      expect(created.status).toBe(201);
      const id = created.body.data.id as string;
      await call(lib.versions.POST, { method: 'POST', params: { id }, headers: alice.headers, body: { userPrompt: 'v2 {{ x }}' } });
      const put = await call(lib.label.PUT, { method: 'PUT', params: { id, label: 'production' }, headers: alice.headers, body: { versionNumber: 1 } });
      expect(put.status).toBe(201);
      return { id, slug };
    };
    const moved = await promptWithProduction();
    const untouched = await promptWithProduction();
    const get = (slug: string) => call(lib.bySlug.GET, { path: `/api/v1/prompts/by-slug/${slug}`, params: { slug }, headers: alice.headers });

    // This instance's own moves were published: the counter moved.
    await vi.waitFor(async () => expect(Number(await otherInstance.get(lib.cache.DELIVERY_CHANGE_KEY))).toBeGreaterThan(0));
    expect((await get(moved.slug)).body.data.versionNumber).toBe(1);
    expect((await get(untouched.slug)).body.data.versionNumber).toBe(1);
    const checkedAt = Date.now();

    // Another instance moves `moved`'s label: the shared row, then its publish. `untouched`'s row changes behind
    // everyone's back (no publish), so only a full clear would show it.
    const db = await lib.db.getDb();
    const { promptLabels } = lib.schema;
    const toV2 = (id: string) =>
      db.update(promptLabels).set({ targets: [{ versionNumber: 2, weight: 100 }] }).where(and(eq(promptLabels.promptId, id), eq(promptLabels.name, 'production')));
    await toV2(moved.id);
    await toV2(untouched.id);
    const store = lib.log.upstashChangeLog(otherInstance, { counterKey: lib.cache.DELIVERY_CHANGE_KEY, logKey: lib.cache.DELIVERY_CHANGE_LOG_KEY, max: 200 });
    await store.append(lib.cache.changeSubject(alice.workspace.id, moved.id));

    const soon = await get(moved.slug);
    // Within the check interval this instance still answers from memory (no query saw the row change).
    if (Date.now() - checkedAt < lib.cache.DELIVERY_CHECK_MS) expect(soon.body.data.versionNumber).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, lib.cache.DELIVERY_CHECK_MS + 100));
    expect((await get(moved.slug)).body.data.versionNumber).toBe(2);
    // Only the changed prompt was dropped.
    expect((await get(untouched.slug)).body.data.versionNumber).toBe(1);
  });
});
