import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as promptRoute from '@/app/api/v1/prompts/[id]/route';
import * as versionsRoute from '@/app/api/v1/prompts/[id]/versions/route';
import * as labelsRoute from '@/app/api/v1/prompts/[id]/labels/route';
import * as labelRoute from '@/app/api/v1/prompts/[id]/labels/[label]/route';
import * as rollbackRoute from '@/app/api/v1/prompts/[id]/labels/[label]/rollback/route';
import * as statsRoute from '@/app/api/v1/prompts/[id]/labels/[label]/stats/route';
import * as deploymentsRoute from '@/app/api/v1/prompts/[id]/deployments/route';
import { createApiKeyRecord } from '@/db/queries/api-keys';
import { createUser } from '@/db/queries/users';
import { getDb } from '@/db/client';
import { workspaceMembers, type MemberRole } from '@/db/schema';
import { generateApiKey } from '@/lib/auth/api-key-token';
import { forgetPromptDelivery } from '@/lib/delivery/invalidate';
import { emitWorkspaceEvent } from '@/lib/webhooks/emit-event';
import { BASE, call, createTestUser, sessionCookie, type ApiResult, type TestUser } from './helpers';
import { expectMatchesDocument } from './openapi-responses';

// The two entry points other parts implement: this test checks the label services call them after each move.
vi.mock('@/lib/delivery/invalidate', () => ({ forgetPromptDelivery: vi.fn() }));
vi.mock('@/lib/webhooks/emit-event', () => ({ emitWorkspaceEvent: vi.fn(async () => {}) }));

type Headers = Record<string, string>;
type Target = { versionNumber: number; weight: number };
type Deployment = { id: string; label: string; action: string; from: Target[] | null; to: Target[] | null; note: string; actor: { id: string; name: string } | null; via: string; rollbackOf: string | null };

let owner: TestUser;
let bob: TestUser;
const member = {} as Record<'admin' | 'editor' | 'viewer', { id: string; headers: Headers }>;
let promptId: string;

async function addMember(role: MemberRole, name: string) {
  const user = await createUser({ email: `${role}-${randomUUID()}@example.test`, name });
  await (await getDb()).insert(workspaceMembers).values({ workspaceId: owner.workspace.id, userId: user.id, role });
  const { key, prefix, hashedKey } = generateApiKey();
  await createApiKeyRecord({ workspaceId: owner.workspace.id, userId: user.id, name: 'key', prefix, hashedKey });
  return { id: user.id, headers: { authorization: `Bearer ${key}` } };
}

async function createPrompt(headers: Headers, versions = 3): Promise<string> {
  const res = await call(promptsRoute.POST, { method: 'POST', headers, body: { title: `Labelled ${randomUUID()}`, userPrompt: 'v1 {{q}}' } });
  expect(res.status).toBe(201);
  for (let n = 2; n <= versions; n++) {
    const saved = await call(versionsRoute.POST, { method: 'POST', headers, params: { id: res.body.data.id }, body: { userPrompt: `v${n} {{q}}` } });
    expect(saved.status).toBe(201);
  }
  return res.body.data.id;
}

// Every answer, errors included, is checked against the OpenAPI document.
const checked = async (method: string, template: string, answer: Promise<ApiResult>) => {
  const res = await answer;
  expectMatchesDocument(method, template, res.status, res.body);
  return res;
};
const LABEL = '/api/v1/prompts/{id}/labels/{label}';
const put = (headers: Headers, label: string, body: unknown, id = promptId) => checked('PUT', LABEL, call(labelRoute.PUT, { method: 'PUT', headers, params: { id, label }, body }));
const remove = (headers: Headers, label: string, id = promptId) => checked('DELETE', LABEL, call(labelRoute.DELETE, { method: 'DELETE', headers, params: { id, label } }));
const rollback = (headers: Headers, label: string, body?: unknown, id = promptId) =>
  checked('POST', `${LABEL}/rollback`, call(rollbackRoute.POST, { method: 'POST', headers, params: { id, label }, body }));
const labels = (headers: Headers, id = promptId) => checked('GET', '/api/v1/prompts/{id}/labels', call(labelsRoute.GET, { headers, params: { id } }));
const deployments = (headers: Headers, query = '', id = promptId) =>
  checked('GET', '/api/v1/prompts/{id}/deployments', call(deploymentsRoute.GET, { headers, params: { id }, path: `/api/v1/prompts/${id}/deployments${query}` }));
const stats = (headers: Headers, label: string, id = promptId) =>
  checked('GET', `${LABEL}/stats`, call(statsRoute.GET, { headers, params: { id, label }, path: `/api/v1/prompts/${id}/labels/${label}/stats` }));
const history = async (label: string): Promise<Deployment[]> => (await deployments(owner.headers, `?label=${label}&limit=100`)).body.data.items;
const one = (versionNumber: number): Target[] => [{ versionNumber, weight: 100 }];

beforeAll(async () => {
  owner = await createTestUser();
  bob = await createTestUser();
  member.admin = await addMember('admin', 'Ada');
  member.editor = await addMember('editor', 'Edith');
  member.viewer = await addMember('viewer', 'Vic');
  promptId = await createPrompt(owner.headers);
});

beforeEach(() => {
  vi.mocked(forgetPromptDelivery).mockClear();
  vi.mocked(emitWorkspaceEvent).mockClear();
});

describe('labels: create, move, split', () => {
  it('lists only the virtual `latest` on a prompt without labels', async () => {
    const res = await labels(member.viewer.headers);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([{ name: 'latest', targets: one(3), protected: false, updatedAt: null, updatedBy: null, virtual: true }]);
  });

  it('creates a label (201) with a `move` deployment naming who, how and why, then tells delivery and webhooks', async () => {
    const res = await put(member.editor.headers, 'production', { versionNumber: 1, note: 'first release' });
    expect(res.status).toBe(201);
    expect(res.body.data.label).toMatchObject({ name: 'production', targets: one(1), protected: false, updatedBy: { id: member.editor.id, name: 'Edith' } });
    expect(res.body.data.deployment).toMatchObject({ label: 'production', action: 'move', from: null, to: one(1), note: 'first release', actor: { id: member.editor.id, name: 'Edith' }, via: 'api_key', rollbackOf: null });
    expect(forgetPromptDelivery).toHaveBeenCalledWith(owner.workspace.id, promptId);
    expect(emitWorkspaceEvent).toHaveBeenCalledWith({
      workspaceId: owner.workspace.id,
      event: 'label.moved',
      data: { promptId, slug: expect.any(String), label: 'production', from: null, to: one(1), deploymentId: res.body.data.deployment.id, action: 'move' },
    });
  });

  it('moves it (200), recording from and to; the same target again is a no-op without a deployment or an event', async () => {
    const moved = await put(member.editor.headers, 'production', { versionNumber: 2, note: 'v2 won' });
    expect(moved.status).toBe(200);
    expect(moved.body.data.deployment).toMatchObject({ action: 'move', from: one(1), to: one(2), note: 'v2 won' });
    vi.mocked(emitWorkspaceEvent).mockClear();
    const before = (await history('production')).length;
    const again = await put(member.editor.headers, 'production', { versionNumber: 2 });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ label: { targets: one(2), updatedBy: { id: member.editor.id, name: 'Edith' } }, deployment: null });
    expect(await history('production')).toHaveLength(before);
    expect(emitWorkspaceEvent).not.toHaveBeenCalled();
  });

  it('records a session caller as `session`', async () => {
    const headers = { cookie: await sessionCookie(owner.user.id), origin: 'http://localhost:3000', host: 'localhost:3000' };
    const res = await put(headers, 'session-made', { versionNumber: 1 });
    expect(res.status).toBe(201);
    expect(res.body.data.deployment).toMatchObject({ via: 'session', actor: { id: owner.user.id } });
  });

  it('splits traffic across versions, kept in version order, and lists every label after `latest`', async () => {
    const res = await put(member.editor.headers, 'canary', { split: [{ versionNumber: 3, weight: 10 }, { versionNumber: 2, weight: 90 }] });
    expect(res.status).toBe(201);
    expect(res.body.data.label.targets).toEqual([{ versionNumber: 2, weight: 90 }, { versionNumber: 3, weight: 10 }]);
    // The same split in another order is the same split.
    const same = await put(member.editor.headers, 'canary', { split: [{ versionNumber: 2, weight: 90 }, { versionNumber: 3, weight: 10 }] });
    expect(same.body.data.deployment).toBeNull();
    const list = (await labels(owner.headers)).body.data as { name: string }[];
    expect(list.map((l) => l.name)).toEqual(['latest', 'canary', 'production', 'session-made']);
  });

  it.each([
    ['weights not adding up to 100', { split: [{ versionNumber: 1, weight: 50 }, { versionNumber: 2, weight: 45 }] }, 'split', 'add up to 95'],
    ['six versions', { split: [1, 2, 3, 1, 2, 3].map((versionNumber) => ({ versionNumber, weight: 10 })) }, 'split', 'at most 5'],
    ['a version twice', { split: [{ versionNumber: 1, weight: 50 }, { versionNumber: 1, weight: 50 }] }, 'split.1.versionNumber', 'appears twice'],
    ['a fractional weight', { split: [{ versionNumber: 1, weight: 50.5 }, { versionNumber: 2, weight: 49.5 }] }, 'split.0.weight', 'whole number'],
    ['a zero weight', { split: [{ versionNumber: 1, weight: 0 }, { versionNumber: 2, weight: 100 }] }, 'split.0.weight', 'at least 1'],
    ['a one-version split', { split: [{ versionNumber: 1, weight: 100 }] }, 'split', 'send `versionNumber`'],
    ['both versionNumber and split', { versionNumber: 1, split: [{ versionNumber: 1, weight: 50 }, { versionNumber: 2, weight: 50 }] }, 'split', 'not both'],
    ['no target', { note: 'hm' }, 'versionNumber', 'is required'],
    ['an unknown version', { versionNumber: 9 }, 'versionNumber', 'version 9 does not exist'],
    ['an unknown version in a split', { split: [{ versionNumber: 1, weight: 50 }, { versionNumber: 7, weight: 50 }] }, 'split.1.versionNumber', 'version 7 does not exist'],
    ['a note over 500 characters', { versionNumber: 1, note: 'x'.repeat(501) }, 'note', 'at most 500'],
    ['an unknown field', { versionNumber: 1, colour: 'red' }, 'colour', 'not a known field'],
  ])('refuses %s with 422 at the field', async (_name, body, path, message) => {
    const res = await put(member.editor.headers, 'staging-invalid', body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details?.fields).toContainEqual({ path, message: expect.stringContaining(message) });
    expect((await labels(owner.headers)).body.data.map((l: { name: string }) => l.name)).not.toContain('staging-invalid');
  });

  it('keeps at most 50 labels a prompt; moving an existing one still works', async () => {
    const id = await createPrompt(owner.headers, 1);
    for (let i = 0; i < 50; i++) expect((await put(owner.headers, `l${i}`, { versionNumber: 1 }, id)).status).toBe(201);
    const over = await put(owner.headers, 'l50', { versionNumber: 1 }, id);
    expect(over.status).toBe(422);
    expect(over.body.error.details?.fields).toEqual([{ path: 'label', message: 'A prompt keeps at most 50 labels' }]);
    expect((await put(owner.headers, 'l0', { versionNumber: 1, note: 'same' }, id)).status).toBe(200);

    // Bringing a deleted label back counts too: delete one, fill the gap, and the rollback of the deletion is refused.
    expect((await remove(owner.headers, 'l0', id)).status).toBe(200);
    expect((await put(owner.headers, 'l50', { versionNumber: 1 }, id)).status).toBe(201);
    const restore = await rollback(owner.headers, 'l0', {}, id);
    expect(restore.status).toBe(422);
    expect(restore.body.error.message).toContain('Delete one before bringing `l0` back');
    expect(restore.body.error.details?.fields).toEqual([{ path: 'label', message: 'A prompt keeps at most 50 labels' }]);
    expect((await labels(owner.headers, id)).body.data).toHaveLength(51); // `latest` and 50 stored
    expect((await deployments(owner.headers, '?label=l0', id)).body.data.items[0].action).toBe('delete');
  });

  it.each([
    ['latest', '`latest` always means the newest version; pick another name'],
    ['Production', 'lowercase'],
    ['-dash-first', 'starting with a letter or digit'],
    ['x'.repeat(51), '1 to 50'],
  ])('refuses the label name %s', async (name, message) => {
    for (const res of [await put(member.editor.headers, name, { versionNumber: 1 }), await remove(member.editor.headers, name), await rollback(member.editor.headers, name)]) {
      expect(res.status).toBe(422);
      expect(res.body.error.details?.fields).toEqual([{ path: 'label', message: expect.stringContaining(message) }]);
    }
  });
});

describe('rollback and delete', () => {
  it('rolls back to the previous version, and a rollback of the rollback goes forward again', async () => {
    const id = await createPrompt(owner.headers);
    await put(owner.headers, 'production', { versionNumber: 1 }, id);
    const toTwo = (await put(owner.headers, 'production', { versionNumber: 2 }, id)).body.data.deployment as Deployment;

    const back = await rollback(member.editor.headers, 'production', { note: 'v2 broke checkout' }, id);
    expect(back.status).toBe(200);
    expect(back.body.data.label.targets).toEqual(one(1));
    expect(back.body.data.deployment).toMatchObject({ action: 'rollback', from: one(2), to: one(1), rollbackOf: toTwo.id, note: 'v2 broke checkout', actor: { id: member.editor.id } });
    expect(emitWorkspaceEvent).toHaveBeenLastCalledWith(expect.objectContaining({ data: expect.objectContaining({ action: 'rollback', from: one(2), to: one(1) }) }));
    expect(forgetPromptDelivery).toHaveBeenCalledWith(owner.workspace.id, id);

    const forward = await rollback(owner.headers, 'production', undefined, id);
    expect(forward.status).toBe(200);
    expect(forward.body.data.label.targets).toEqual(one(2));
    expect(forward.body.data.deployment).toMatchObject({ action: 'rollback', from: one(1), to: one(2), rollbackOf: back.body.data.deployment.id, note: '' });
  });

  it('answers 409 when the label has served one thing since it was created, and 404 for a label that never existed', async () => {
    const id = await createPrompt(owner.headers, 1);
    await put(owner.headers, 'fresh', { versionNumber: 1 }, id);
    const res = await rollback(owner.headers, 'fresh', {}, id);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('no earlier version') });
    expect((await rollback(owner.headers, 'never', {}, id)).status).toBe(404);
  });

  it('deletes a label with a `delete` deployment; a rollback brings it back', async () => {
    const id = await createPrompt(owner.headers, 2);
    await put(owner.headers, 'staging', { split: [{ versionNumber: 1, weight: 50 }, { versionNumber: 2, weight: 50 }] }, id);
    const gone = await remove(member.editor.headers, 'staging', id);
    expect(gone.status).toBe(200);
    expect(gone.body.data).toMatchObject({ deleted: true, deployment: { action: 'delete', to: null, from: [{ versionNumber: 1, weight: 50 }, { versionNumber: 2, weight: 50 }] } });
    expect(emitWorkspaceEvent).toHaveBeenLastCalledWith(expect.objectContaining({ data: expect.objectContaining({ action: 'delete', label: 'staging', to: null }) }));
    expect((await labels(owner.headers, id)).body.data.map((l: { name: string }) => l.name)).toEqual(['latest']);
    expect((await remove(owner.headers, 'staging', id)).status).toBe(404);

    const back = await rollback(owner.headers, 'staging', {}, id);
    expect(back.status).toBe(200);
    expect(back.body.data.deployment).toMatchObject({ action: 'rollback', from: null, rollbackOf: gone.body.data.deployment.id });
    expect(back.body.data.label.targets).toEqual([{ versionNumber: 1, weight: 50 }, { versionNumber: 2, weight: 50 }]);
  });

  it('rolls back a restore by deleting the label again, and that rollback brings it back once more', async () => {
    const id = await createPrompt(owner.headers, 2);
    await put(owner.headers, 'staging', { versionNumber: 2 }, id);
    const gone = (await remove(owner.headers, 'staging', id)).body.data.deployment as Deployment;
    const restored = (await rollback(owner.headers, 'staging', {}, id)).body.data.deployment as Deployment;
    expect(restored).toMatchObject({ action: 'rollback', from: null, to: one(2), rollbackOf: gone.id });

    const again = await rollback(member.editor.headers, 'staging', { note: 'not yet' }, id);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ label: null, deployment: { action: 'rollback', from: one(2), to: null, rollbackOf: restored.id, note: 'not yet' } });
    expect(emitWorkspaceEvent).toHaveBeenLastCalledWith(expect.objectContaining({ data: expect.objectContaining({ action: 'rollback', label: 'staging', from: one(2), to: null }) }));
    expect(forgetPromptDelivery).toHaveBeenLastCalledWith(owner.workspace.id, id);
    expect((await labels(owner.headers, id)).body.data.map((l: { name: string }) => l.name)).toEqual(['latest']);

    const once = await rollback(owner.headers, 'staging', {}, id);
    expect(once.status).toBe(200);
    expect(once.body.data).toMatchObject({ label: { targets: one(2) }, deployment: { from: null, to: one(2), rollbackOf: again.body.data.deployment.id } });
    // Each rollback undid the one before it: the history is one chain.
    const chain = (await deployments(owner.headers, '?label=staging', id)).body.data.items as Deployment[];
    expect(chain.map((d) => [d.action, d.to])).toEqual([['rollback', one(2)], ['rollback', null], ['rollback', one(2)], ['delete', null], ['move', one(2)]]);
  });

  it('takes a bare POST as a rollback without a note, however the empty body arrives', async () => {
    const id = await createPrompt(owner.headers, 3);
    for (const v of [1, 2, 3]) await put(owner.headers, 'production', { versionNumber: v }, id);
    const post = (body: BodyInit | null, headers: Headers = {}) =>
      checked(
        'POST',
        `${LABEL}/rollback`,
        (async () => {
          const req = new Request(`${BASE}/api/v1/prompts/${id}/labels/production/rollback`, { method: 'POST', headers: { ...owner.headers, ...headers }, body, duplex: 'half' } as RequestInit);
          const res = await rollbackRoute.POST(req as never, { params: Promise.resolve({ id, label: 'production' }) });
          return { status: res.status, headers: res.headers, body: await res.json() };
        })(),
      );
    // A stream that ends at once: no Content-Length, as a chunked empty body.
    const streamed = await post(new ReadableStream({ start: (c) => c.close() }));
    expect(streamed.status).toBe(200);
    expect(streamed.body.data.deployment).toMatchObject({ from: one(3), to: one(2), note: '' });
    const blank = await post('  \n', { 'content-type': 'application/json' });
    expect(blank.status).toBe(200);
    expect(blank.body.data.label.targets).toEqual(one(3));

    expect((await post('{"note":', { 'content-type': 'application/json' })).body.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('not valid JSON') });
    expect((await post('[]')).status).toBe(400);
    expect((await post(JSON.stringify({ note: 'x'.repeat(20_000) }))).status).toBe(413);
    const unknown = await post(JSON.stringify({ reason: 'x' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details?.fields).toEqual([{ path: 'reason', message: expect.stringContaining('not a known field') }]);
  });
});

describe('deployment history', () => {
  it('lists every move newest first with actor, note and label, filters by label, and pages with a cursor', async () => {
    const id = await createPrompt(owner.headers);
    await put(member.editor.headers, 'production', { versionNumber: 1, note: 'one' }, id);
    await put(member.admin.headers, 'production', { versionNumber: 2, note: 'two' }, id);
    await put(owner.headers, 'staging', { versionNumber: 3, note: 'three' }, id);
    await rollback(member.editor.headers, 'production', { note: 'undo two' }, id);

    const all = await deployments(member.viewer.headers, '', id);
    expect(all.status).toBe(200);
    expect(all.body.data.items.map((d: Deployment) => [d.label, d.action, d.note, d.actor?.name])).toEqual([
      ['production', 'rollback', 'undo two', 'Edith'],
      ['staging', 'move', 'three', 'Test User'],
      ['production', 'move', 'two', 'Ada'],
      ['production', 'move', 'one', 'Edith'],
    ]);
    expect(all.body.data.nextCursor).toBeNull();

    const production = await deployments(owner.headers, '?label=production', id);
    expect(production.body.data.items.map((d: Deployment) => d.note)).toEqual(['undo two', 'two', 'one']);

    const first = await deployments(owner.headers, '?limit=3', id);
    expect(first.body.data.items).toHaveLength(3);
    const rest = await deployments(owner.headers, `?limit=3&cursor=${first.body.data.nextCursor}`, id);
    expect(rest.body.data).toMatchObject({ items: [{ note: 'one' }], nextCursor: null });

    expect((await deployments(owner.headers, '?cursor=garbage', id)).status).toBe(422);
    expect((await deployments(owner.headers, '?limit=1000', id)).status).toBe(422);
  });

  // On PGlite (one transaction at a time) this cannot fail; it is meant for the integration-pg project (not excluded
  // there), where the puts run as concurrent transactions and only the prompt row lock keeps the chain intact.
  it('serialises concurrent moves: each deployment starts where the previous one left the label', async () => {
    const id = await createPrompt(owner.headers);
    const targets = [1, 2, 3, 2, 1, 3, 1, 2, 3, 1];
    const results = await Promise.all(targets.map((v, i) => put(i % 2 ? member.editor.headers : owner.headers, 'race', { versionNumber: v, note: `put ${i}` }, id)));
    expect(results.map((r) => r.status).sort()).toEqual([...Array(9).fill(200), 201]);
    const chain = (await deployments(owner.headers, '?label=race', id)).body.data.items.reverse() as Deployment[];
    expect(chain[0]!.from).toBeNull();
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.from).toEqual(chain[i - 1]!.to);
    // A no-op PUT records nothing, so the chain has one link per PUT that changed something.
    expect(chain.length).toBe(results.filter((r) => r.body.data.deployment).length);
    const final = (await labels(owner.headers, id)).body.data.find((l: { name: string }) => l.name === 'race');
    expect(final.targets).toEqual(chain.at(-1)!.to);
  });
});

describe('protected labels and roles', () => {
  it('lets only admins protect a label, move, roll back or delete it while protected, and unprotect it', async () => {
    const id = await createPrompt(owner.headers);
    await put(member.editor.headers, 'production', { versionNumber: 1 }, id);

    const editorProtects = await put(member.editor.headers, 'production', { protected: true }, id);
    expect(editorProtects.status).toBe(403);
    expect(editorProtects.body.error.message).toContain('Only admins protect');

    const protect = await put(member.admin.headers, 'production', { protected: true, note: 'freeze' }, id);
    expect(protect.status).toBe(200);
    expect(protect.body.data.label).toMatchObject({ protected: true, targets: one(1) });
    expect(protect.body.data.deployment).toMatchObject({ action: 'protect', from: one(1), to: one(1), note: 'freeze' });

    for (const res of [await put(member.editor.headers, 'production', { versionNumber: 2 }, id), await rollback(member.editor.headers, 'production', {}, id)]) {
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual({ code: 'FORBIDDEN', message: '`production` is protected: only admins move it' });
    }
    const editorDeletes = await remove(member.editor.headers, 'production', id);
    expect(editorDeletes.status).toBe(403);
    expect(editorDeletes.body.error.message).toBe('`production` is protected: only admins delete it');
    expect((await labels(owner.headers, id)).body.data.find((l: { name: string }) => l.name === 'production').targets).toEqual(one(1));

    const adminMoves = await put(member.admin.headers, 'production', { versionNumber: 2 }, id);
    expect(adminMoves.status).toBe(200);
    expect(adminMoves.body.data.label).toMatchObject({ protected: true, targets: one(2) });
    const ownerRollsBack = await rollback(owner.headers, 'production', {}, id);
    expect(ownerRollsBack.body.data.label).toMatchObject({ protected: true, targets: one(1) });

    const unprotect = await put(member.admin.headers, 'production', { protected: false }, id);
    expect(unprotect.body.data.deployment).toMatchObject({ action: 'unprotect' });
    expect((await put(member.editor.headers, 'production', { versionNumber: 3 }, id)).status).toBe(200);
    // Protect/unprotect rows are in the history but are not moves: a rollback undoes the editor's move.
    expect((await rollback(member.editor.headers, 'production', {}, id)).body.data.label.targets).toEqual(one(1));
  });

  it('brings a deleted protected label back protected, and only for admins', async () => {
    const id = await createPrompt(owner.headers, 2);
    await put(member.admin.headers, 'production', { versionNumber: 1, protected: true }, id);
    await put(member.admin.headers, 'production', { versionNumber: 2 }, id);
    expect((await remove(member.admin.headers, 'production', id)).status).toBe(200);
    const editorTries = await rollback(member.editor.headers, 'production', {}, id);
    expect(editorTries.status).toBe(403);
    expect(editorTries.body.error.message).toBe('`production` is protected: only admins move it');
    const back = await rollback(member.admin.headers, 'production', {}, id);
    expect(back.status).toBe(200);
    expect(back.body.data.label).toMatchObject({ protected: true, targets: one(2) });
    // Deleted and restored again: still protected, since the restore recorded it.
    await remove(member.admin.headers, 'production', id);
    expect((await rollback(member.admin.headers, 'production', {}, id)).body.data.label.protected).toBe(true);

    // A label unprotected before its deletion comes back unprotected, for editors too.
    await put(member.admin.headers, 'production', { protected: false }, id);
    await remove(member.admin.headers, 'production', id);
    const editorRestores = await rollback(member.editor.headers, 'production', {}, id);
    expect(editorRestores.status).toBe(200);
    expect(editorRestores.body.data.label.protected).toBe(false);
  });

  it('lets an admin create a protected label in one call; an editor may not', async () => {
    const id = await createPrompt(owner.headers, 1);
    expect((await put(member.editor.headers, 'prod', { versionNumber: 1, protected: true }, id)).status).toBe(403);
    const res = await put(member.admin.headers, 'prod', { versionNumber: 1, protected: true, note: 'go' }, id);
    expect(res.status).toBe(201);
    expect(res.body.data.deployment).toMatchObject({ action: 'move', note: 'go' });
    const own = (await deployments(owner.headers, '?label=prod', id)).body.data.items as Deployment[];
    expect(own.map((d) => d.action)).toEqual(['protect', 'move']);
  });

  it('lets viewers read labels, deployments and stats but not write (403)', async () => {
    const v = member.viewer.headers;
    expect((await labels(v)).status).toBe(200);
    expect((await deployments(v)).status).toBe(200);
    expect((await stats(v, 'production')).status).toBe(200);
    for (const res of [await put(v, 'production', { versionNumber: 1 }), await remove(v, 'production'), await rollback(v, 'production', {})]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });
});

describe('another workspace', () => {
  it('gets 404 from every label route, and a malformed id is 404 too', async () => {
    for (const id of [promptId, 'not-a-uuid']) {
      const b = bob.headers;
      const answers = [
        await labels(b, id),
        await put(b, 'production', { versionNumber: 1 }, id),
        await remove(b, 'production', id),
        await rollback(b, 'production', {}, id),
        await deployments(b, '', id),
        await stats(b, 'production', id),
      ];
      expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
      for (const res of answers) expect(res.body.error.code).toBe('NOT_FOUND');
    }
    // And nothing changed for the owner.
    expect((await labels(owner.headers)).body.data.find((l: { name: string }) => l.name === 'production').targets).toEqual(one(2));
  });

  it('treats a deleted prompt as gone: 404 on every label route', async () => {
    const id = await createPrompt(owner.headers, 2);
    await put(owner.headers, 'production', { versionNumber: 1 }, id);
    await put(owner.headers, 'production', { versionNumber: 2 }, id);
    expect((await call(promptRoute.DELETE, { method: 'DELETE', headers: owner.headers, params: { id } })).status).toBe(200);
    const answers = [
      await labels(owner.headers, id),
      await put(owner.headers, 'production', { versionNumber: 1 }, id),
      await remove(owner.headers, 'production', id),
      await rollback(owner.headers, 'production', {}, id),
      await deployments(owner.headers, '', id),
      await stats(owner.headers, 'production', id),
    ];
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
  });
});
