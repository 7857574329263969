import { beforeAll, describe, expect, it } from 'vitest';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as promptRoute from '@/app/api/v1/prompts/[id]/route';
import * as tagsRoute from '@/app/api/v1/tags/route';
import { call, createTestUser, type TestUser } from './helpers';

let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  alice = await createTestUser();
  bob = await createTestUser();
});

const create = (user: TestUser, body: unknown) => call(promptsRoute.POST, { method: 'POST', body, headers: user.headers });

describe('POST /api/v1/prompts', () => {
  it('creates the prompt with version 1 and declares the variables its template uses', async () => {
    const res = await create(alice, {
      title: 'Support reply',
      tags: ['Support', 'email', 'support'],
      systemPrompt: 'You are {{ persona }}.',
      userPrompt: 'Answer {{question}} in {{ language }}.',
      variables: [{ name: 'language', type: 'string', required: false, default: 'English' }],
      model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.2 },
      notes: 'first draft',
    });
    expect(res.status).toBe(201);
    expect(res.body.error).toBeNull();
    const prompt = res.body.data;
    expect(prompt).toMatchObject({ title: 'Support reply', slug: 'support-reply', tags: ['support', 'email'], versionCount: 1 });
    expect(prompt.currentVersion).toMatchObject({ versionNumber: 1, notes: 'first draft', model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.2 } });
    expect(prompt.currentVersion.variables.map((v: { name: string }) => v.name)).toEqual(['language', 'persona', 'question']);
    expect(prompt.currentVersion.variables[1]).toEqual({ name: 'persona', type: 'string', required: true });
    expect(prompt.currentVersion.author).toMatchObject({ id: alice.user.id });
  });

  it('defaults the model to the built-in local model and derives unique slugs', async () => {
    const first = await create(alice, { title: 'Twin', userPrompt: 'hi' });
    const second = await create(alice, { title: 'Twin', userPrompt: 'hi' });
    expect(first.body.data.currentVersion.model).toEqual({ provider: 'local', model: 'promptlab-local' });
    expect(first.body.data.slug).toBe('twin');
    expect(second.body.data.slug).toBe('twin-2');
  });

  it('answers 409 CONFLICT for a slug already used in the workspace, but not for another workspace', async () => {
    expect((await create(alice, { title: 'A', slug: 'taken-slug', userPrompt: 'x' })).status).toBe(201);
    const again = await create(alice, { title: 'B', slug: 'taken-slug', userPrompt: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT' });
    expect(again.body.error.message).toContain('taken-slug');
    expect((await create(bob, { title: 'B', slug: 'taken-slug', userPrompt: 'x' })).status).toBe(201);
  });

  it.each([
    ['missing userPrompt', { title: 'x' }, 422, 'userPrompt'],
    ['unknown field', { title: 'x', userPrompt: 'y', colour: 'red' }, 422, 'colour'],
    ['bad slug', { title: 'x', userPrompt: 'y', slug: 'Not A Slug' }, 422, 'slug'],
    ['bad variable type', { title: 'x', userPrompt: '{{a}}', variables: [{ name: 'a', type: 'date' }] }, 422, 'variables.0.type'],
    ['broken placeholder', { title: 'x', userPrompt: 'Hello {{ 1abc }}' }, 422, 'userPrompt'],
    ['temperature out of range', { title: 'x', userPrompt: 'y', model: { provider: 'openai', model: 'm', temperature: 9 } }, 422, 'model.temperature'],
  ])('rejects %s with INVALID_INPUT naming the field', async (_name, body, status, field) => {
    const res = await create(alice, body);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ data: null, error: { code: 'INVALID_INPUT' } });
    expect(res.body.error.message).toContain(field);
    expect(res.body.error.details?.fields?.map((f) => f.path)).toContain(field);
  });

  it('names each invalid field in details.fields with a dotted path and a short message', async () => {
    const res = await create(alice, { userPrompt: 'y', tags: ['ok', 7], colour: 'red' });
    expect(res.status).toBe(422);
    expect(res.body.error.details?.fields).toEqual(
      expect.arrayContaining([
        { path: 'title', message: 'is required' },
        { path: 'tags.1', message: 'must be text' },
        { path: 'colour', message: 'is not a known field' },
      ]),
    );
  });

  it('answers 400 BAD_REQUEST for malformed JSON, an empty body or a body that is not an object, 413 for a body over 1 MB', async () => {
    const malformed = await call(promptsRoute.POST, { method: 'POST', rawBody: '{"title": ', headers: alice.headers });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('BAD_REQUEST');
    expect(malformed.body.error.message).toMatch(/not valid JSON/);
    const empty = await call(promptsRoute.POST, { method: 'POST', rawBody: '', headers: alice.headers });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('BAD_REQUEST');
    for (const rawBody of ['[]', '"title"', '42', 'null']) {
      const notObject = await call(promptsRoute.POST, { method: 'POST', rawBody, headers: alice.headers });
      expect(notObject.status, rawBody).toBe(400);
      expect(notObject.body.error.code, rawBody).toBe('BAD_REQUEST');
    }
    const huge = await create(alice, { title: 'big', userPrompt: 'x'.repeat(1024 * 1024 + 10) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('requires a caller', async () => {
    const res = await call(promptsRoute.POST, { method: 'POST', body: { title: 'x', userPrompt: 'y' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });
});

describe('GET /api/v1/prompts', () => {
  let carol: TestUser;
  beforeAll(async () => {
    carol = await createTestUser();
    for (let i = 1; i <= 5; i++) {
      await create(carol, { title: `Summarise ${i}`, tags: i % 2 ? ['odd'] : ['even'], userPrompt: 'x' });
    }
    await create(carol, { title: 'Translate 100% of it_all', tags: ['odd'], userPrompt: 'x' });
  });

  it('lists newest first with cursor pagination and no duplicates', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await call(promptsRoute.GET, { path: `/api/v1/prompts?limit=4${query}`, headers: carol.headers });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.items.map((p: { title: string }) => p.title));
      cursor = page.body.data.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Translate 100% of it_all', 'Summarise 5', 'Summarise 4', 'Summarise 3', 'Summarise 2', 'Summarise 1']);
  });

  it('searches titles (treating % and _ literally) and filters by tag', async () => {
    const byTitle = await call(promptsRoute.GET, { path: '/api/v1/prompts?q=summarise', headers: carol.headers });
    expect(byTitle.body.data.items).toHaveLength(5);
    const literal = await call(promptsRoute.GET, { path: '/api/v1/prompts?q=100%25', headers: carol.headers });
    expect(literal.body.data.items.map((p: { title: string }) => p.title)).toEqual(['Translate 100% of it_all']);
    const underscore = await call(promptsRoute.GET, { path: '/api/v1/prompts?q=t_a', headers: carol.headers });
    expect(underscore.body.data.items.map((p: { title: string }) => p.title)).toEqual(['Translate 100% of it_all']);
    const byTag = await call(promptsRoute.GET, { path: '/api/v1/prompts?tag=even', headers: carol.headers });
    expect(byTag.body.data.items.map((p: { title: string }) => p.title)).toEqual(['Summarise 4', 'Summarise 2']);
    expect(byTag.body.data.items[0].currentVersion).toMatchObject({ versionNumber: 1, provider: 'local' });
  });

  it('lists the workspace tags', async () => {
    const tags = await call(tagsRoute.GET, { headers: carol.headers });
    expect(tags.body.data).toEqual(['even', 'odd']);
  });

  it('rejects a bad cursor, limit or unknown parameter', async () => {
    for (const query of ['cursor=nonsense', 'limit=0', 'limit=1000', 'sort=title']) {
      const res = await call(promptsRoute.GET, { path: `/api/v1/prompts?${query}`, headers: carol.headers });
      expect(res.status, query).toBe(422);
      expect(res.body.error.code).toBe('INVALID_INPUT');
      expect(res.body.error.details?.fields?.[0]?.path, query).toBe(query.split('=')[0]);
    }
  });

  it('never shows another workspace’s prompts', async () => {
    const res = await call(promptsRoute.GET, { path: '/api/v1/prompts?limit=100', headers: bob.headers });
    expect(res.body.data.items.every((p: { title: string }) => !p.title.startsWith('Summarise'))).toBe(true);
  });
});

describe('GET, PATCH, DELETE /api/v1/prompts/{id}', () => {
  it('reads, updates metadata only, and soft-deletes', async () => {
    const created = (await create(alice, { title: 'Editable', userPrompt: 'v1' })).body.data;
    const params = { id: created.id };
    const got = await call(promptRoute.GET, { params, headers: alice.headers });
    expect(got.body.data).toMatchObject({ id: created.id, title: 'Editable', currentVersion: { userPrompt: 'v1' } });

    const patched = await call(promptRoute.PATCH, { method: 'PATCH', params, headers: alice.headers, body: { title: 'Renamed', tags: ['x'], description: 'd' } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ title: 'Renamed', tags: ['x'], description: 'd', slug: 'editable', versionCount: 1 });

    const content = await call(promptRoute.PATCH, { method: 'PATCH', params, headers: alice.headers, body: { userPrompt: 'sneaky' } });
    expect(content.status).toBe(422);
    expect(content.body.error.message).toContain('userPrompt');
    const emptyPatch = await call(promptRoute.PATCH, { method: 'PATCH', params, headers: alice.headers, body: {} });
    expect(emptyPatch.status).toBe(422);

    const deleted = await call(promptRoute.DELETE, { method: 'DELETE', params, headers: alice.headers });
    expect(deleted.body.data).toEqual({ id: created.id, deleted: true });
    expect((await call(promptRoute.GET, { params, headers: alice.headers })).status).toBe(404);
    expect((await call(promptRoute.DELETE, { method: 'DELETE', params, headers: alice.headers })).status).toBe(404);
    // The slug is free again once its prompt is deleted.
    expect((await create(alice, { title: 'Editable', userPrompt: 'again' })).body.data.slug).toBe('editable');
  });

  it('answers 409 when PATCH takes a slug in use', async () => {
    await create(alice, { title: 'Holder', slug: 'holder', userPrompt: 'x' });
    const other = (await create(alice, { title: 'Other', userPrompt: 'x' })).body.data;
    const res = await call(promptRoute.PATCH, { method: 'PATCH', params: { id: other.id }, headers: alice.headers, body: { slug: 'holder' } });
    expect(res.status).toBe(409);
  });

  it('answers 404 for another workspace’s prompt exactly as for a missing one', async () => {
    const secret = (await create(alice, { title: 'Private', userPrompt: 'x' })).body.data;
    const params = { id: secret.id };
    const missing = await call(promptRoute.GET, { params: { id: '00000000-0000-4000-8000-000000000000' }, headers: bob.headers });
    const foreign = await call(promptRoute.GET, { params, headers: bob.headers });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await call(promptRoute.PATCH, { method: 'PATCH', params, headers: bob.headers, body: { title: 'mine' } })).status).toBe(404);
    expect((await call(promptRoute.DELETE, { method: 'DELETE', params, headers: bob.headers })).status).toBe(404);
    expect((await call(promptRoute.GET, { params: { id: 'not-a-uuid' }, headers: bob.headers })).status).toBe(404);
    const still = await call(promptRoute.GET, { params, headers: alice.headers });
    expect(still.body.data.title).toBe('Private');
  });
});
