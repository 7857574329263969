import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as promptRoute from '@/app/api/v1/prompts/[id]/route';
import * as versionsRoute from '@/app/api/v1/prompts/[id]/versions/route';
import * as versionRoute from '@/app/api/v1/prompts/[id]/versions/[number]/route';
import * as restoreRoute from '@/app/api/v1/prompts/[id]/restore/route';
import * as diffRoute from '@/app/api/v1/prompts/[id]/diff/route';
import { getDb } from '@/db/client';
import { promptVersions } from '@/db/schema';
import { call, createTestUser, type TestUser } from './helpers';

let alice: TestUser;
let bob: TestUser;
let promptId: string;

const newVersion = (user: TestUser, id: string, body: unknown) =>
  call(versionsRoute.POST, { method: 'POST', params: { id }, body, headers: user.headers });

beforeAll(async () => {
  alice = await createTestUser();
  bob = await createTestUser();
  const created = await call(promptsRoute.POST, {
    method: 'POST',
    headers: alice.headers,
    body: {
      title: 'Versioned',
      systemPrompt: 'Be brief.',
      userPrompt: 'Summarise {{text}}',
      variables: [{ name: 'text', type: 'string', required: true, description: 'the input' }],
      model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.5, stop: ['END'] },
    },
  });
  promptId = created.body.data.id;
});

describe('versions', () => {
  it('creates version 2, carrying over model and variables when omitted, and makes it current', async () => {
    const res = await newVersion(alice, promptId, { systemPrompt: 'Be brief.\nUse bullet points.', userPrompt: 'Summarise {{text}} for {{audience}}', notes: 'audience' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ versionNumber: 2, notes: 'audience', model: { provider: 'openai', temperature: 0.5, stop: ['END'] } });
    expect(res.body.data.variables).toEqual([
      { name: 'text', type: 'string', required: true, description: 'the input' },
      { name: 'audience', type: 'string', required: true },
    ]);
    const prompt = await call(promptRoute.GET, { params: { id: promptId }, headers: alice.headers });
    expect(prompt.body.data).toMatchObject({ versionCount: 2, currentVersion: { versionNumber: 2 } });
  });

  it('lists summaries newest first, without the prompt text, and reads one in full by number', async () => {
    const list = await call(versionsRoute.GET, { params: { id: promptId }, headers: alice.headers });
    expect(list.body.data.items.map((v: { versionNumber: number }) => v.versionNumber)).toEqual([2, 1]);
    expect(list.body.data.nextCursor).toBeNull();
    const [latest] = list.body.data.items;
    expect(Object.keys(latest).sort()).toEqual(['author', 'createdAt', 'id', 'model', 'notes', 'restoredFrom', 'versionNumber']);
    expect(latest).toMatchObject({ notes: 'audience', restoredFrom: null, model: { provider: 'openai' }, author: { id: alice.user.id } });
    const one = await call(versionRoute.GET, { params: { id: promptId, number: '1' }, headers: alice.headers });
    expect(one.body.data).toMatchObject({ versionNumber: 1, userPrompt: 'Summarise {{text}}' });
    for (const number of ['99', '0', 'abc', '1.5']) {
      expect((await call(versionRoute.GET, { params: { id: promptId, number }, headers: alice.headers })).status, number).toBe(404);
    }
  });

  it('rejects invalid version input', async () => {
    const res = await newVersion(alice, promptId, { userPrompt: 'x', title: 'not here' });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('title');
    expect((await newVersion(alice, promptId, { userPrompt: '' })).status).toBe(422);
  });

  it('refuses model settings whose JSON Schemas cannot be used, naming the schema', async () => {
    const model = { provider: 'openai', model: 'gpt-4o-mini' };
    const res = await newVersion(alice, promptId, { userPrompt: 'x', model: { ...model, responseSchema: { name: 'out', schema: { type: 12 } } } });
    expect(res.status).toBe(422);
    expect(res.body.error.details?.fields?.map((f) => f.path)).toEqual(['model.responseSchema.schema']);
    const tool = await newVersion(alice, promptId, { userPrompt: 'x', model: { ...model, tools: [{ name: 'f', parameters: { type: 'object', required: 5 } }] } });
    expect(tool.body.error.details?.fields?.map((f) => f.path)).toEqual(['model.tools.0.parameters']);
  });

  it('cannot be changed or deleted, through the API or the database', async () => {
    for (const handler of [versionRoute.PUT, versionRoute.PATCH, versionRoute.DELETE]) {
      const res = await call(handler, { method: 'PATCH', params: { id: promptId, number: '1' }, body: { userPrompt: 'hacked' }, headers: alice.headers });
      expect(res.status).toBe(405);
      expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
    }
    const db = await getDb();
    const [v1] = await db.select().from(promptVersions).where(eq(promptVersions.promptId, promptId)).orderBy(promptVersions.versionNumber);
    await expect(db.update(promptVersions).set({ userPrompt: 'hacked' }).where(eq(promptVersions.id, v1!.id))).rejects.toThrow();
    await expect(db.delete(promptVersions).where(eq(promptVersions.id, v1!.id))).rejects.toThrow();
    const after = await call(versionRoute.GET, { params: { id: promptId, number: '1' }, headers: alice.headers });
    expect(after.body.data.userPrompt).toBe('Summarise {{text}}');
  });

  it('restores by appending a copy of the old version', async () => {
    const res = await call(restoreRoute.POST, { method: 'POST', params: { id: promptId }, body: { versionNumber: 1 }, headers: alice.headers });
    expect(res.status).toBe(201);
    const v1 = (await call(versionRoute.GET, { params: { id: promptId, number: '1' }, headers: alice.headers })).body.data;
    expect(res.body.data).toMatchObject({
      versionNumber: 3,
      restoredFrom: 1,
      systemPrompt: v1.systemPrompt,
      userPrompt: v1.userPrompt,
      variables: v1.variables,
      model: v1.model,
      notes: 'Restored from version 1',
    });
    const prompt = await call(promptRoute.GET, { params: { id: promptId }, headers: alice.headers });
    expect(prompt.body.data.currentVersion.versionNumber).toBe(3);
    const list = await call(versionsRoute.GET, { params: { id: promptId }, headers: alice.headers });
    expect(list.body.data.items).toHaveLength(3);

    const missing = await call(restoreRoute.POST, { method: 'POST', params: { id: promptId }, body: { versionNumber: 42 }, headers: alice.headers });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('42');
    const bad = await call(restoreRoute.POST, { method: 'POST', params: { id: promptId }, body: { versionNumber: 'one' }, headers: alice.headers });
    expect(bad.status).toBe(422);
  });

  it('diffs two versions line by line, with changed settings and variables', async () => {
    const res = await call(diffRoute.GET, { path: `/x?from=1&to=2`, params: { id: promptId }, headers: alice.headers });
    expect(res.status).toBe(200);
    const diff = res.body.data;
    expect(diff.from).toBe(1);
    expect(diff.systemPrompt.lines).toEqual([
      { kind: 'same', text: 'Be brief.', oldLine: 1, newLine: 1 },
      { kind: 'added', text: 'Use bullet points.', oldLine: null, newLine: 2 },
    ]);
    expect(diff.userPrompt).toMatchObject({ added: 1, removed: 1 });
    expect(diff.variables.added.map((v: { name: string }) => v.name)).toEqual(['audience']);
    expect(diff.model).toEqual([]);
    expect(diff.identical).toBe(false);

    await newVersion(alice, promptId, { userPrompt: 'Summarise {{text}}', model: { provider: 'anthropic', model: 'claude-x', temperature: 0.5 } });
    const models = await call(diffRoute.GET, { path: `/x?from=3&to=4`, params: { id: promptId }, headers: alice.headers });
    expect(models.body.data.model).toEqual([
      { field: 'model', from: 'gpt-4o-mini', to: 'claude-x' },
      { field: 'provider', from: 'openai', to: 'anthropic' },
      { field: 'stop', from: ['END'], to: undefined },
    ]);
  });

  it('rejects a diff without both version numbers, and 404s a missing one', async () => {
    expect((await call(diffRoute.GET, { path: `/x?from=1`, params: { id: promptId }, headers: alice.headers })).status).toBe(422);
    const missing = await call(diffRoute.GET, { path: `/x?from=1&to=77`, params: { id: promptId }, headers: alice.headers });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('77');
  });

  it('gives concurrent saves distinct consecutive numbers', async () => {
    const prompt = (await call(promptsRoute.POST, { method: 'POST', headers: alice.headers, body: { title: 'Race', userPrompt: 'v1' } })).body.data;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => newVersion(alice, prompt.id, { userPrompt: `v${i + 2}` })));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const numbers = results.map((r) => r.body.data.versionNumber).sort((a, b) => a - b);
    expect(numbers).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const latest = await call(promptRoute.GET, { params: { id: prompt.id }, headers: alice.headers });
    expect(latest.body.data.versionCount).toBe(9);
  });

  it('refuses a save whose base version is no longer the latest with 409 naming the current version', async () => {
    const prompt = (await call(promptsRoute.POST, { method: 'POST', headers: alice.headers, body: { title: 'Base', userPrompt: 'v1' } })).body.data;
    const fresh = await newVersion(alice, prompt.id, { userPrompt: 'v2', baseVersionNumber: 1 });
    expect(fresh.status).toBe(201);
    const stale = await newVersion(alice, prompt.id, { userPrompt: 'also from v1', baseVersionNumber: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toEqual({
      code: 'CONFLICT',
      message: 'Version 2 was saved since you started editing version 1',
      details: { currentVersionNumber: 2 },
    });
    expect((await newVersion(alice, prompt.id, { userPrompt: 'save anyway' })).status).toBe(201);
    expect((await newVersion(alice, prompt.id, { userPrompt: 'bad', baseVersionNumber: 0 })).status).toBe(422);
  });

  it('lets exactly one of several concurrent saves from the same base through', async () => {
    const prompt = (await call(promptsRoute.POST, { method: 'POST', headers: alice.headers, body: { title: 'Base race', userPrompt: 'v1' } })).body.data;
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => newVersion(alice, prompt.id, { userPrompt: `edit ${i}`, baseVersionNumber: 1 })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(5);
    expect(refused.every((r) => r.body.error.details?.currentVersionNumber === 2)).toBe(true);
    const latest = await call(promptRoute.GET, { params: { id: prompt.id }, headers: alice.headers });
    expect(latest.body.data.versionCount).toBe(2);
  });

  it('pages the history with cursor and limit', async () => {
    const prompt = (await call(promptsRoute.POST, { method: 'POST', headers: alice.headers, body: { title: 'Long history', userPrompt: 'v1' } })).body.data;
    for (let n = 2; n <= 5; n++) await newVersion(alice, prompt.id, { userPrompt: `v${n}` });
    const pages: number[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await call(versionsRoute.GET, { path: `/x?limit=2${query}`, params: { id: prompt.id }, headers: alice.headers });
      expect(page.status).toBe(200);
      pages.push(page.body.data.items.map((v: { versionNumber: number }) => v.versionNumber));
      cursor = page.body.data.nextCursor;
    } while (cursor);
    expect(pages).toEqual([[5, 4], [3, 2], [1]]);
    for (const query of ['limit=0', 'limit=201', 'cursor=nonsense', 'page=2']) {
      const res = await call(versionsRoute.GET, { path: `/x?${query}`, params: { id: prompt.id }, headers: alice.headers });
      expect(res.status, query).toBe(422);
      expect(res.body.error.details?.fields?.[0]?.path, query).toBe(query.split('=')[0]);
    }
    const all = await call(versionsRoute.GET, { path: '/x?limit=200', params: { id: prompt.id }, headers: alice.headers });
    expect(all.body.data.items).toHaveLength(5);
  });

  it('takes a deleted prompt’s history with it', async () => {
    const doomed = (await call(promptsRoute.POST, { method: 'POST', headers: alice.headers, body: { title: 'Doomed', userPrompt: 'v1' } })).body.data;
    await newVersion(alice, doomed.id, { userPrompt: 'v2' });
    await call(promptRoute.DELETE, { method: 'DELETE', params: { id: doomed.id }, headers: alice.headers });
    const params = { id: doomed.id };
    expect((await call(versionsRoute.GET, { params, headers: alice.headers })).status).toBe(404);
    expect((await call(versionRoute.GET, { params: { id: doomed.id, number: '1' }, headers: alice.headers })).status).toBe(404);
    expect((await call(diffRoute.GET, { path: '/x?from=1&to=2', params, headers: alice.headers })).status).toBe(404);
    expect((await call(restoreRoute.POST, { method: 'POST', params, body: { versionNumber: 1 }, headers: alice.headers })).status).toBe(404);
    expect((await newVersion(alice, doomed.id, { userPrompt: 'v3' })).status).toBe(404);
  });

  it('hides every version route of a prompt from another workspace', async () => {
    const params = { id: promptId };
    expect((await call(versionsRoute.GET, { params, headers: bob.headers })).status).toBe(404);
    expect((await newVersion(bob, promptId, { userPrompt: 'mine now', notes: 'mine now' })).status).toBe(404);
    expect((await call(versionRoute.GET, { params: { id: promptId, number: '1' }, headers: bob.headers })).status).toBe(404);
    expect((await call(restoreRoute.POST, { method: 'POST', params, body: { versionNumber: 1 }, headers: bob.headers })).status).toBe(404);
    expect((await call(diffRoute.GET, { path: '/x?from=1&to=2', params, headers: bob.headers })).status).toBe(404);
    const list = await call(versionsRoute.GET, { params, headers: alice.headers });
    expect(list.body.data.items.every((v: { notes: string }) => v.notes !== 'mine now')).toBe(true);
  });
});
