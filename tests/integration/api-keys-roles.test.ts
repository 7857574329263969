import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import * as meRoute from '@/app/api/v1/me/route';
import * as apiKeysRoute from '@/app/api/v1/api-keys/route';
import * as apiKeyRoute from '@/app/api/v1/api-keys/[id]/route';
import { createApiKeyRecord } from '@/db/queries/api-keys';
import { createUser } from '@/db/queries/users';
import { getDb } from '@/db/client';
import { workspaceMembers, type MemberRole } from '@/db/schema';
import { generateApiKey } from '@/lib/auth/api-key-token';
import { call, createTestUser, type TestUser } from './helpers';

type Member = { id: string; name: string; email: string; keyId: string; headers: { authorization: string } };

let owner: TestUser;
const members = {} as Record<'admin' | 'editor' | 'otherEditor' | 'viewer', Member>;

async function addKey(workspaceId: string, userId: string, name = 'key') {
  const { key, prefix, hashedKey } = generateApiKey();
  const record = await createApiKeyRecord({ workspaceId, userId, name, prefix, hashedKey });
  return { id: record.id, headers: { authorization: `Bearer ${key}` } };
}

async function addMember(role: MemberRole, name: string): Promise<Member> {
  const user = await createUser({ email: `${name.toLowerCase()}-${randomUUID()}@example.test`, name });
  await (await getDb()).insert(workspaceMembers).values({ workspaceId: owner.workspace.id, userId: user.id, role });
  const key = await addKey(owner.workspace.id, user.id, `${name}'s key`);
  return { id: user.id, name, email: user.email!, keyId: key.id, headers: key.headers };
}

const list = async (headers: { authorization: string }) => {
  const res = await call(apiKeysRoute.GET, { headers });
  expect(res.status).toBe(200);
  return res.body.data as { id: string; owner: { id: string; name: string; email: string }; canRevoke: boolean }[];
};
const revoke = (headers: { authorization: string }, id: string) => call(apiKeyRoute.DELETE, { method: 'DELETE', params: { id }, headers });
const works = async (headers: { authorization: string }) => (await call(meRoute.GET, { headers })).status === 200;

beforeAll(async () => {
  owner = await createTestUser();
  members.admin = await addMember('admin', 'Ada');
  members.editor = await addMember('editor', 'Edith');
  members.otherEditor = await addMember('editor', 'Eve');
  members.viewer = await addMember('viewer', 'Vic');
});

describe('API keys by role', () => {
  it('shows a viewer only their own keys', async () => {
    const keys = await list(members.viewer.headers);
    expect(keys.map((k) => k.id)).toEqual([members.viewer.keyId]);
    expect(keys[0]).toMatchObject({ owner: { id: members.viewer.id, name: 'Vic' }, canRevoke: true });
  });

  it("shows editors every key with its owner, revocable only when it is their own", async () => {
    const keys = await list(members.editor.headers);
    expect(keys.map((k) => k.id).sort()).toEqual([owner.apiKey.id, ...Object.values(members).map((m) => m.keyId)].sort());
    const eves = keys.find((k) => k.id === members.otherEditor.keyId)!;
    expect(eves).toMatchObject({ owner: { id: members.otherEditor.id, name: 'Eve', email: members.otherEditor.email }, canRevoke: false });
    expect(keys.filter((k) => k.canRevoke).map((k) => k.id)).toEqual([members.editor.keyId]);
    expect(JSON.stringify(keys)).not.toMatch(/hashedKey|passwordHash/);
  });

  it('lets admins and owners revoke any key in the workspace', async () => {
    for (const headers of [members.admin.headers, owner.headers]) expect((await list(headers)).every((k) => k.canRevoke)).toBe(true);
  });

  it("refuses an editor revoking another member's key with 403, and a viewer with 404", async () => {
    const asEditor = await revoke(members.editor.headers, members.otherEditor.keyId);
    expect(asEditor.status).toBe(403);
    expect(asEditor.body.error.code).toBe('FORBIDDEN');
    const asViewer = await revoke(members.viewer.headers, members.editor.keyId);
    expect(asViewer.status).toBe(404);
    expect(asViewer.body.error.code).toBe('NOT_FOUND');
    expect(await works(members.otherEditor.headers)).toBe(true);
    expect(await works(members.editor.headers)).toBe(true);
  });

  it('lets anyone revoke their own key, viewers included', async () => {
    const spare = await addKey(owner.workspace.id, members.viewer.id, 'spare');
    expect((await revoke(members.viewer.headers, spare.id)).status).toBe(200);
    expect(await works(spare.headers)).toBe(false);
    const editorSpare = await addKey(owner.workspace.id, members.editor.id, 'spare');
    expect((await revoke(members.editor.headers, editorSpare.id)).status).toBe(200);
    expect(await works(editorSpare.headers)).toBe(false);
  });

  it("lets an admin revoke another member's key, which stops working at once", async () => {
    const res = await revoke(members.admin.headers, members.otherEditor.keyId);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: members.otherEditor.keyId });
    expect(await works(members.otherEditor.headers)).toBe(false);
    expect((await revoke(members.admin.headers, members.otherEditor.keyId)).status).toBe(404);
  });

  it("answers 404 for another workspace's key, whatever the role", async () => {
    const stranger = await createTestUser();
    for (const headers of [owner.headers, members.admin.headers, members.editor.headers]) {
      expect((await revoke(headers, stranger.apiKey.id)).status).toBe(404);
    }
    expect((await revoke(owner.headers, 'not-a-uuid')).status).toBe(404);
    expect(await works(stranger.headers)).toBe(true);
  });

  it('returns a new key in the listed shape, with the secret once', async () => {
    const res = await call(apiKeysRoute.POST, { method: 'POST', headers: members.editor.headers, body: { name: 'CI' } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ name: 'CI', owner: { id: members.editor.id, name: 'Edith' }, canRevoke: true });
    expect(res.body.data.key).toMatch(/^pl_/);
  });
});
