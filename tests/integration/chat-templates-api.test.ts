import { beforeAll, describe, expect, it } from 'vitest';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as promptRoute from '@/app/api/v1/prompts/[id]/route';
import * as versionsRoute from '@/app/api/v1/prompts/[id]/versions/route';
import * as versionRoute from '@/app/api/v1/prompts/[id]/versions/[number]/route';
import * as restoreRoute from '@/app/api/v1/prompts/[id]/restore/route';
import * as diffRoute from '@/app/api/v1/prompts/[id]/diff/route';
import { call, createTestUser, type TestUser } from './helpers';

let alice: TestUser;
let bob: TestUser;

const fewShot = [
  { role: 'system', content: 'You classify {{ kind }} reviews.' },
  { role: 'system', content: 'Answer with one word.' },
  { role: 'user', content: 'Great value!' },
  { role: 'assistant', content: 'positive' },
  { role: 'user', content: '{{ review }}' },
];

const create = (user: TestUser, body: Record<string, unknown>) =>
  call(promptsRoute.POST, { method: 'POST', headers: user.headers, body: { title: 'Chat', ...body } });
const newVersion = (user: TestUser, id: string, body: unknown) =>
  call(versionsRoute.POST, { method: 'POST', params: { id }, body, headers: user.headers });
const fieldsOf = (res: { body: { error: { details?: { fields?: { path: string }[] } } } }) =>
  res.body.error.details?.fields?.map((f) => f.path);

beforeAll(async () => {
  alice = await createTestUser();
  bob = await createTestUser();
});

describe('chat templates', () => {
  it('creates a prompt from messages: answered with its turns, the derived prompts and every used variable declared', async () => {
    const res = await create(alice, { messages: fewShot });
    expect(res.status).toBe(201);
    const version = res.body.data.currentVersion;
    expect(version).toMatchObject({
      versionNumber: 1,
      format: 'chat',
      messages: fewShot,
      systemPrompt: 'You classify {{ kind }} reviews.\n\nAnswer with one word.',
      userPrompt: '{{ review }}',
    });
    expect(version.variables.map((v: { name: string }) => v.name)).toEqual(['kind', 'review']);
    const read = await call(versionRoute.GET, { params: { id: res.body.data.id, number: '1' }, headers: alice.headers });
    expect(read.body.data).toMatchObject({ format: 'chat', messages: fewShot });
  });

  it('answers messages for a simple version too: [system, user], with no system turn when it is empty', async () => {
    const withSystem = await create(alice, { systemPrompt: 'Be brief.', userPrompt: 'Hi {{ name }}' });
    expect(withSystem.body.data.currentVersion).toMatchObject({
      format: 'simple',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi {{ name }}' },
      ],
    });
    const bare = await create(alice, { userPrompt: 'Hi' });
    expect(bare.body.data.currentVersion.messages).toEqual([{ role: 'user', content: 'Hi' }]);
    const got = await call(promptRoute.GET, { params: { id: bare.body.data.id }, headers: alice.headers });
    expect(got.body.data.currentVersion.messages).toEqual([{ role: 'user', content: 'Hi' }]);
  });

  it('saves a chat version over a simple one, restores either kind as it was, and diffs them turn by turn', async () => {
    const { id } = (await create(alice, { systemPrompt: 'Be brief.', userPrompt: '{{ review }}' })).body.data;
    const v2 = await newVersion(alice, id, { messages: fewShot, notes: 'few-shot' });
    expect(v2.status).toBe(201);
    expect(v2.body.data).toMatchObject({ versionNumber: 2, format: 'chat', messages: fewShot });

    const restored = await call(restoreRoute.POST, { method: 'POST', params: { id }, body: { versionNumber: 2 }, headers: alice.headers });
    expect(restored.status).toBe(201);
    expect(restored.body.data).toMatchObject({ versionNumber: 3, restoredFrom: 2, format: 'chat', messages: fewShot });
    const back = await call(restoreRoute.POST, { method: 'POST', params: { id }, body: { versionNumber: 1 }, headers: alice.headers });
    expect(back.body.data).toMatchObject({ versionNumber: 4, format: 'simple', systemPrompt: 'Be brief.', userPrompt: '{{ review }}' });

    const diff = await call(diffRoute.GET, { path: `/api/v1/prompts/${id}/diff?from=1&to=2`, params: { id }, headers: alice.headers });
    expect(diff.status).toBe(200);
    expect(diff.body.data.identical).toBe(false);
    expect(diff.body.data.messages.map((t: { kind: string }) => t.kind)).toEqual(['changed', 'added', 'added', 'added', 'same']);
    expect(diff.body.data.userPrompt).toMatchObject({ added: 0, removed: 0 });
    const same = await call(diffRoute.GET, { path: `/api/v1/prompts/${id}/diff?from=2&to=3`, params: { id }, headers: alice.headers });
    expect(same.body.data).toMatchObject({ identical: true });
    const simple = await call(diffRoute.GET, { path: `/api/v1/prompts/${id}/diff?from=1&to=4`, params: { id }, headers: alice.headers });
    expect(simple.body.data).toMatchObject({ identical: true, messages: null });
  });

  it('names the turn of a misplaced system message or a broken template', async () => {
    const late = await create(alice, { messages: [{ role: 'user', content: 'hi' }, { role: 'system', content: 'late' }] });
    expect(late.status).toBe(422);
    expect(fieldsOf(late)).toContain('messages.1.role');

    const broken = await create(alice, { messages: [{ role: 'user', content: 'ok' }, { role: 'assistant', content: 'fine' }, { role: 'user', content: 'Hi {{ name' }] });
    expect(broken.status).toBe(422);
    expect(fieldsOf(broken)).toEqual(['messages.2.content']);
    expect(broken.body.error.details?.fields?.[0]).toMatchObject({ message: expect.stringContaining('is not closed') });

    const { id } = (await create(alice, { userPrompt: 'x' })).body.data;
    const badVersion = await newVersion(alice, id, { messages: [{ role: 'user', content: '{{ 1x }}' }] });
    expect(badVersion.status).toBe(422);
    expect(fieldsOf(badVersion)).toEqual(['messages.0.content']);

    const both = await newVersion(alice, id, { messages: [{ role: 'user', content: 'a' }], userPrompt: 'b' });
    expect(both.status).toBe(422);
    expect(fieldsOf(both)).toEqual(['userPrompt']);
  });

  it('keeps another workspace out', async () => {
    const { id } = (await create(alice, { messages: fewShot })).body.data;
    expect((await newVersion(bob, id, { messages: fewShot })).status).toBe(404);
    expect((await call(versionRoute.GET, { params: { id, number: '1' }, headers: bob.headers })).status).toBe(404);
  });
});
