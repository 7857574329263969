import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as webhooksRoute from '@/app/api/v1/webhooks/route';
import * as webhookRoute from '@/app/api/v1/webhooks/[id]/route';
import * as testRoute from '@/app/api/v1/webhooks/[id]/test/route';
import * as deliveriesRoute from '@/app/api/v1/webhooks/[id]/deliveries/route';
import * as redeliverRoute from '@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/redeliver/route';
import { getDb } from '@/db/client';
import { createApiKeyRecord } from '@/db/queries/api-keys';
import { createUser } from '@/db/queries/users';
import { insertDeliveries } from '@/db/queries/webhooks';
import { webhooks, workspaceMembers, type MemberRole } from '@/db/schema';
import { generateApiKey } from '@/lib/auth/api-key-token';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { call as rawCall, createTestUser, type TestUser } from './helpers';
import { expectMatchesDocument } from './openapi-responses';

process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 8).toString('base64');

type Headers = { authorization: string };
let owner: TestUser;
let other: TestUser;
const member = {} as Record<'admin' | 'editor' | 'viewer', Headers>;

async function addMember(role: MemberRole): Promise<Headers> {
  const user = await createUser({ email: `${role}-${randomUUID()}@example.test`, name: role });
  await (await getDb()).insert(workspaceMembers).values({ workspaceId: owner.workspace.id, userId: user.id, role });
  const { key, prefix, hashedKey } = generateApiKey();
  await createApiKeyRecord({ workspaceId: owner.workspace.id, userId: user.id, name: role, prefix, hashedKey });
  return { authorization: `Bearer ${key}` };
}

beforeAll(async () => {
  [owner, other] = await Promise.all([createTestUser(), createTestUser()]);
  member.admin = await addMember('admin');
  member.editor = await addMember('editor');
  member.viewer = await addMember('viewer');
});

const templates = new Map<unknown, string>([
  [webhooksRoute.GET, '/api/v1/webhooks'],
  [webhooksRoute.POST, '/api/v1/webhooks'],
  [webhookRoute.GET, '/api/v1/webhooks/{id}'],
  [webhookRoute.PATCH, '/api/v1/webhooks/{id}'],
  [webhookRoute.DELETE, '/api/v1/webhooks/{id}'],
  [testRoute.POST, '/api/v1/webhooks/{id}/test'],
  [deliveriesRoute.GET, '/api/v1/webhooks/{id}/deliveries'],
  [redeliverRoute.POST, '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver'],
]);

/** Every answer of these routes is checked against the OpenAPI document. */
const call: typeof rawCall = async (handler, options = {}) => {
  const res = await rawCall(handler, options);
  expectMatchesDocument(options.method ?? 'GET', templates.get(handler)!, res.status, res.body);
  return res;
};

const create = (headers: Headers, body: unknown) => call(webhooksRoute.POST, { method: 'POST', body, headers });
const list = (headers: Headers) => call(webhooksRoute.GET, { headers });
const get = (headers: Headers, id: string) => call(webhookRoute.GET, { params: { id }, headers });
const patch = (headers: Headers, id: string, body: unknown) => call(webhookRoute.PATCH, { method: 'PATCH', params: { id }, body, headers });
const remove = (headers: Headers, id: string) => call(webhookRoute.DELETE, { method: 'DELETE', params: { id }, headers });
const valid = { url: 'https://hooks.example.com/promptlab', events: ['version.created', 'label.moved'], description: 'CI' };

describe('webhooks API', () => {
  it('creates a webhook, shows its secret once and stores it encrypted', async () => {
    const res = await create(owner.headers, valid);
    expect(res.status).toBe(201);
    const created = res.body.data;
    expect(created).toEqual({
      id: expect.any(String),
      url: valid.url,
      description: 'CI',
      events: ['version.created', 'label.moved'],
      enabled: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
    });
    const [row] = await (await getDb()).select().from(webhooks).where(eq(webhooks.id, created.id));
    expect(row!.encryptedSecret).not.toContain(created.secret);
    expect(row!.encryptedSecret).toMatch(/^v1:/);
    expect(decryptSecret(row!.encryptedSecret)).toBe(created.secret);

    // Never again: not in the list, not in GET, not after a PATCH.
    const listed = await list(owner.headers);
    expect(listed.status).toBe(200);
    expect(listed.body.data.items).toContainEqual({ ...created, secret: undefined });
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);
    const one = await get(member.viewer, created.id);
    expect(one.status).toBe(200);
    expect(one.body.data).not.toHaveProperty('secret');
  });

  it('changes and deletes a webhook', async () => {
    const { id } = (await create(member.admin, valid)).body.data;
    const changed = await patch(member.admin, id, { enabled: false, events: ['experiment.completed'], url: 'https://hooks.example.com/v2' });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ id, enabled: false, events: ['experiment.completed'], url: 'https://hooks.example.com/v2', description: 'CI' });
    expect((await get(owner.headers, id)).body.data.enabled).toBe(false);
    const deleted = await remove(member.admin, id);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toEqual({ id });
    expect((await get(owner.headers, id)).status).toBe(404);
    expect((await remove(owner.headers, id)).status).toBe(404);
  });

  it('names the invalid field', async () => {
    const cases: [unknown, string][] = [
      [{ ...valid, url: 'ftp://example.com/x' }, 'url'],
      [{ ...valid, url: `https://example.com/${'a'.repeat(2_000)}` }, 'url'],
      [{ ...valid, events: ['run.finished'] }, 'events.0'],
      [{ ...valid, events: [] }, 'events'],
      [{ ...valid, secret: 'mine' }, 'secret'],
    ];
    for (const [body, path] of cases) {
      const res = await create(owner.headers, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe('INVALID_INPUT');
      expect(res.body.error.details!.fields![0]!.path).toBe(path);
    }
    const { id } = (await create(owner.headers, valid)).body.data;
    const empty = await patch(owner.headers, id, {});
    expect(empty.status).toBe(422);
    const bad = await patch(owner.headers, id, { url: 'not a url' });
    expect(bad.body.error.details!.fields![0]!.path).toBe('url');
  });

  it('lets viewers and editors read, and only admins write', async () => {
    const { id } = (await create(owner.headers, valid)).body.data;
    for (const headers of [member.viewer, member.editor]) {
      expect((await list(headers)).status).toBe(200);
      expect((await get(headers, id)).status).toBe(200);
      expect((await call(deliveriesRoute.GET, { params: { id }, headers })).status).toBe(200);
      const writes = [
        await create(headers, valid),
        await patch(headers, id, { enabled: false }),
        await remove(headers, id),
        await call(testRoute.POST, { method: 'POST', params: { id }, body: {}, headers }),
        await call(redeliverRoute.POST, { method: 'POST', params: { id, deliveryId: randomUUID() }, headers }),
      ];
      for (const res of writes) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    }
    expect((await get(owner.headers, id)).body.data.enabled).toBe(true);
  });

  it("answers 404 on every route for another workspace's webhook", async () => {
    const { id } = (await create(owner.headers, valid)).body.data;
    const [delivery] = await insertDeliveries([{ webhookId: id, workspaceId: owner.workspace.id, eventId: randomUUID(), event: 'ping', payload: { type: 'ping' } }]);
    const h = other.headers;
    const answers = [
      await get(h, id),
      await patch(h, id, { enabled: false }),
      await remove(h, id),
      await call(testRoute.POST, { method: 'POST', params: { id }, body: {}, headers: h }),
      await call(deliveriesRoute.GET, { params: { id }, headers: h }),
      await call(redeliverRoute.POST, { method: 'POST', params: { id, deliveryId: delivery!.id }, headers: h }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await list(h)).body.data.items.map((w: { id: string }) => w.id)).not.toContain(id);
    // Nothing changed for the owner.
    expect((await get(owner.headers, id)).body.data.enabled).toBe(true);
    expect((await call(deliveriesRoute.GET, { params: { id }, headers: owner.headers })).body.data.items).toHaveLength(1);
    // Malformed ids are simply not found.
    expect((await get(owner.headers, 'nope')).status).toBe(404);
    expect((await call(redeliverRoute.POST, { method: 'POST', params: { id, deliveryId: 'nope' }, headers: owner.headers })).status).toBe(404);
  });

  it('sends a test event with or without a body, and names a bad event', async () => {
    const { id } = (await create(owner.headers, { ...valid, url: 'http://127.0.0.1:9/never' })).body.data;
    const bare = await call(testRoute.POST, { method: 'POST', params: { id }, headers: owner.headers });
    expect(bare.status).toBe(202);
    expect(bare.body.data).toMatchObject({ event: 'ping', status: 'pending', attempts: 0, payload: { type: 'ping', test: true, workspaceId: owner.workspace.id } });
    const chosen = await call(testRoute.POST, { method: 'POST', params: { id }, body: { event: 'experiment.completed' }, headers: owner.headers });
    expect(chosen.body.data.payload).toMatchObject({ type: 'experiment.completed', data: { status: 'completed' } });
    const bad = await call(testRoute.POST, { method: 'POST', params: { id }, body: { event: 'run.finished' }, headers: owner.headers });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details!.fields![0]!.path).toBe('event');
    const notJson = await call(testRoute.POST, { method: 'POST', params: { id }, rawBody: '{', headers: owner.headers });
    expect(notJson.status).toBe(400);
    // Deleted so the queued attempts end at once (nothing listens on port 9; a delivery without its webhook is dropped).
    expect((await remove(owner.headers, id)).status).toBe(200);
  });

  it('pages the delivery log newest first', async () => {
    const { id } = (await create(owner.headers, valid)).body.data;
    for (let i = 0; i < 5; i++) {
      // Rows created within one millisecond have no order of their own (seen on PostgreSQL): keep them apart.
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 3));
      await insertDeliveries([{ webhookId: id, workspaceId: owner.workspace.id, eventId: randomUUID(), event: 'ping', payload: { n: i } }]);
    }
    const first = await call(deliveriesRoute.GET, { path: '/?limit=3', params: { id }, headers: owner.headers });
    expect(first.status).toBe(200);
    expect(first.body.data.items.map((d: { payload: { n: number } }) => d.payload.n)).toEqual([4, 3, 2]);
    const second = await call(deliveriesRoute.GET, { path: `/?limit=3&cursor=${first.body.data.nextCursor}`, params: { id }, headers: owner.headers });
    expect(second.body.data.items.map((d: { payload: { n: number } }) => d.payload.n)).toEqual([1, 0]);
    expect(second.body.data.nextCursor).toBeNull();
    const badCursor = await call(deliveriesRoute.GET, { path: '/?cursor=garbage', params: { id }, headers: owner.headers });
    expect(badCursor.status).toBe(422);
    expect(badCursor.body.error.details!.fields![0]!.path).toBe('cursor');
  });

  it('caps the webhooks of a workspace', async () => {
    const crowded = await createTestUser();
    for (let i = 0; i < 20; i++) expect((await create(crowded.headers, valid)).status).toBe(201);
    const over = await create(crowded.headers, valid);
    expect(over.status).toBe(409);
    expect(over.body.error.message).toMatch(/at most 20 webhooks/);
  });
});
