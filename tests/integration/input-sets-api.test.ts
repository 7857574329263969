import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as inputSetRoute from '@/app/api/v1/prompts/[id]/input-sets/[setId]/route';
import * as inputSetsRoute from '@/app/api/v1/prompts/[id]/input-sets/route';
import * as promptRoute from '@/app/api/v1/prompts/[id]/route';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import { MAX_INPUT_SET_BYTES, MAX_INPUT_SETS } from '@/lib/prompts/input-set-schema';
import { call, createTestUser, type TestUser } from './helpers';

let alice: TestUser;
let bob: TestUser;

type Headers = Record<string, string>;
const list = (headers: Headers, id: string) => call(inputSetsRoute.GET, { params: { id }, headers });
const save = (headers: Headers, id: string, body: unknown) => call(inputSetsRoute.POST, { method: 'POST', params: { id }, body, headers });
const remove = (headers: Headers, id: string, setId: string) => call(inputSetRoute.DELETE, { method: 'DELETE', params: { id, setId }, headers });

async function createPrompt(user: TestUser) {
  const res = await call(promptsRoute.POST, { method: 'POST', body: { title: `Sets ${randomUUID()}`, userPrompt: 'Hi {{name}}' }, headers: user.headers });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}

beforeAll(async () => {
  alice = await createTestUser();
  bob = await createTestUser();
});

describe('/api/v1/prompts/{id}/input-sets', () => {
  it('saves named values of every type (201), lists them by name, and replaces a set saved under the same name (200)', async () => {
    const id = await createPrompt(alice);
    expect((await list(alice.headers, id)).body.data).toEqual([]);
    const values = { name: 'Ada', n: 2, formal: true, data: { tags: ['a', 1], nested: null } };
    const first = await save(alice.headers, id, { name: '  Zeta case ', values });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ name: 'Zeta case', values, promptId: id, createdBy: alice.user.id });
    expect(first.body.data).not.toHaveProperty('workspaceId');
    await save(alice.headers, id, { name: 'Alpha case', values: { name: 'Bo' } });

    const replaced = await save(alice.headers, id, { name: 'Zeta case', values: { name: 'Cy' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.data).toMatchObject({ id: first.body.data.id, values: { name: 'Cy' } });

    const res = await list(alice.headers, id);
    expect(res.status).toBe(200);
    expect(res.body.data.map((s: { name: string }) => s.name)).toEqual(['Alpha case', 'Zeta case']);
  });

  it('deletes a set; a second delete or another prompt set id is 404', async () => {
    const id = await createPrompt(alice);
    const other = await createPrompt(alice);
    const set = (await save(alice.headers, id, { name: 'one', values: {} })).body.data;
    expect((await remove(alice.headers, other, set.id)).status).toBe(404);
    const res = await remove(alice.headers, id, set.id);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id: set.id, deleted: true });
    expect((await list(alice.headers, id)).body.data).toEqual([]);
    const again = await remove(alice.headers, id, set.id);
    expect(again.status).toBe(404);
    expect(again.body.error.message).toBe('Input set not found');
    expect((await remove(alice.headers, id, 'not-a-uuid')).status).toBe(404);
  });

  it(`keeps at most ${MAX_INPUT_SETS} sets a prompt, but still replaces one by name when full`, async () => {
    const id = await createPrompt(alice);
    for (let i = 0; i < MAX_INPUT_SETS; i++) expect((await save(alice.headers, id, { name: `case ${i}`, values: { name: String(i) } })).status).toBe(201);
    const over = await save(alice.headers, id, { name: 'one more', values: {} });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('INVALID_INPUT');
    expect(over.body.error.message).toContain(`already has ${MAX_INPUT_SETS} saved input sets`);
    expect(over.body.error.details?.fields?.map((f) => f.path)).toEqual(['name']);
    expect((await save(alice.headers, id, { name: 'case 7', values: { name: 'new' } })).status).toBe(200);
    expect((await list(alice.headers, id)).body.data).toHaveLength(MAX_INPUT_SETS);
  });

  it.each([
    ['an empty name', { name: '   ', values: {} }, 'name'],
    ['a name over 80 characters', { name: 'x'.repeat(81), values: {} }, 'name'],
    ['no values', { name: 'a' }, 'values'],
    ['values that are not an object', { name: 'a', values: ['x'] }, 'values'],
    ['a key that is not a variable name', { name: 'a', values: { 'two words': 'x' } }, 'values.two words'],
    ['more than 100 values', { name: 'a', values: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, i])) }, 'values'],
    ['values over 256 KB', { name: 'a', values: { text: 'x'.repeat(MAX_INPUT_SET_BYTES) } }, 'values'],
    ['an unknown field', { name: 'a', values: {}, colour: 'red' }, 'colour'],
  ])('refuses %s with INVALID_INPUT naming the field', async (_name, body, field) => {
    const id = await createPrompt(alice);
    const res = await save(alice.headers, id, body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details?.fields?.map((f) => f.path)).toContain(field);
  });

  it('says in words what is wrong with a value name', async () => {
    const res = await save(alice.headers, await createPrompt(alice), { name: 'a', values: { 'two words': 'x' } });
    expect(res.body.error.details?.fields).toEqual([{ path: 'values.two words', message: 'Not a variable name: use letters, digits and _, starting with a letter or _' }]);
  });

  it('answers 404 for another workspace and for a deleted prompt', async () => {
    const id = await createPrompt(alice);
    const set = (await save(alice.headers, id, { name: 'private', values: { name: 'x' } })).body.data;
    expect((await list(bob.headers, id)).status).toBe(404);
    expect((await save(bob.headers, id, { name: 'intruder', values: {} })).status).toBe(404);
    expect((await remove(bob.headers, id, set.id)).status).toBe(404);
    expect((await list(alice.headers, id)).body.data).toHaveLength(1);

    expect((await call(promptRoute.DELETE, { method: 'DELETE', params: { id }, headers: alice.headers })).status).toBe(200);
    for (const res of [await list(alice.headers, id), await save(alice.headers, id, { name: 'late', values: {} }), await remove(alice.headers, id, set.id)]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('lets viewers read the sets but not change them, and needs a caller', async () => {
    expect((await list({}, randomUUID())).status).toBe(401);
    const viewer = await createTestUser({ role: 'viewer' });
    const prompt = await createPrompt(await createTestUser());
    expect((await save(viewer.headers, prompt, { name: 'x', values: {} })).status).toBe(403);
  });
});
