import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as draftRoute from '@/app/api/v1/prompts/[id]/draft/route';
import * as promptRoute from '@/app/api/v1/prompts/[id]/route';
import * as versionsRoute from '@/app/api/v1/prompts/[id]/versions/route';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import { getDb } from '@/db/client';
import { createApiKeyRecord } from '@/db/queries/api-keys';
import { createUser } from '@/db/queries/users';
import { workspaceMembers } from '@/db/schema';
import { generateApiKey } from '@/lib/auth/api-key-token';
import { MAX_DRAFT_BYTES } from '@/lib/prompts/schemas';
import { call, createTestUser, sessionCookie, type TestUser } from './helpers';

let alice: TestUser;
let bob: TestUser;
let promptId: string;
/** A second editor in alice's workspace, through an API key. */
let carol: { id: string; headers: { authorization: string } };

type Headers = Record<string, string>;
const sameSite = { origin: 'http://localhost:3000', host: 'localhost:3000' };
const getDraft = (headers: Headers, id = promptId) => call(draftRoute.GET, { params: { id }, headers });
const putDraft = (headers: Headers, body: unknown, id = promptId) => call(draftRoute.PUT, { method: 'PUT', params: { id }, body, headers });
const deleteDraft = (headers: Headers, id = promptId) => call(draftRoute.DELETE, { method: 'DELETE', params: { id }, headers });

const content = { userPrompt: 'Summarise {{text}} in {{n}} bullets', values: { text: 'long text', n: '3' }, notes: 'wip' };

async function createPrompt(user: TestUser) {
  const res = await call(promptsRoute.POST, { method: 'POST', body: { title: `Draft target ${randomUUID()}`, userPrompt: 'Hello {{name}}' }, headers: user.headers });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}

beforeAll(async () => {
  alice = await createTestUser();
  bob = await createTestUser();
  promptId = await createPrompt(alice);
  const user = await createUser({ email: `carol-${randomUUID()}@example.test`, name: 'Carol' });
  await (await getDb()).insert(workspaceMembers).values({ workspaceId: alice.workspace.id, userId: user.id, role: 'editor' });
  const { key, prefix, hashedKey } = generateApiKey();
  await createApiKeyRecord({ workspaceId: alice.workspace.id, userId: user.id, name: 'carol', prefix, hashedKey });
  carol = { id: user.id, headers: { authorization: `Bearer ${key}` } };
});

describe('/api/v1/prompts/{id}/draft', () => {
  it('answers null before any draft, then the draft as saved, with its base version', async () => {
    const before = await getDraft(alice.headers);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ data: null, error: null });

    const saved = await putDraft(alice.headers, { content, baseVersionNumber: 1 });
    expect(saved.status).toBe(200);
    expect(Date.parse(saved.body.data.updatedAt)).not.toBeNaN();

    const after = await getDraft(alice.headers);
    expect(after.body.data).toEqual({ content, baseVersionNumber: 1, updatedAt: saved.body.data.updatedAt });
  });

  it('replaces the draft on each save (one per user and prompt)', async () => {
    await putDraft(alice.headers, { content: { userPrompt: 'first' } });
    const second = await putDraft(alice.headers, { content: { userPrompt: 'second' } });
    expect(second.status).toBe(200);
    const res = await getDraft(alice.headers);
    expect(res.body.data).toMatchObject({ content: { userPrompt: 'second' }, baseVersionNumber: null });
  });

  it('keeps each user their own draft, whether signed in or through an API key', async () => {
    await putDraft(alice.headers, { content: { userPrompt: 'alice' } });
    expect((await getDraft(carol.headers)).body.data).toBeNull();
    await putDraft(carol.headers, { content: { userPrompt: 'carol' } });
    const cookie = await sessionCookie(alice.user.id);
    const bySession = await getDraft({ cookie });
    expect(bySession.body.data.content).toEqual({ userPrompt: 'alice' });
    const write = await putDraft({ cookie, ...sameSite }, { content: { userPrompt: 'alice in the browser' } });
    expect(write.status).toBe(200);
    expect((await getDraft(alice.headers)).body.data.content).toEqual({ userPrompt: 'alice in the browser' });
    expect((await getDraft(carol.headers)).body.data.content).toEqual({ userPrompt: 'carol' });
  });

  it('takes a half-written chat template: the chat rules are checked on save, not here', async () => {
    const res = await putDraft(alice.headers, { content: { messages: [{ role: 'assistant', content: '' }] } });
    expect(res.status).toBe(200);
  });

  it('deletes the draft, and deleting none is fine too', async () => {
    await putDraft(alice.headers, { content });
    const res = await deleteDraft(alice.headers);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ deleted: true });
    expect((await getDraft(alice.headers)).body.data).toBeNull();
    expect((await deleteDraft(alice.headers)).status).toBe(200);
  });

  it('does not need the draft to save a version, nor drop it on save', async () => {
    await putDraft(alice.headers, { content: { userPrompt: 'unsaved idea' } });
    const saved = await call(versionsRoute.POST, { method: 'POST', params: { id: promptId }, body: { userPrompt: 'Hello {{name}}!' }, headers: alice.headers });
    expect(saved.status).toBe(201);
    expect((await getDraft(alice.headers)).body.data.content).toEqual({ userPrompt: 'unsaved idea' });
  });

  it('answers 404 for another workspace, a deleted prompt and a malformed id', async () => {
    expect((await getDraft(bob.headers)).status).toBe(404);
    expect((await putDraft(bob.headers, { content })).status).toBe(404);
    expect((await deleteDraft(bob.headers)).status).toBe(404);
    expect((await getDraft(alice.headers, 'not-a-uuid')).status).toBe(404);
    expect((await putDraft(alice.headers, { content }, randomUUID())).body.error.code).toBe('NOT_FOUND');

    const doomed = await createPrompt(alice);
    await putDraft(alice.headers, { content }, doomed);
    expect((await call(promptRoute.DELETE, { method: 'DELETE', params: { id: doomed }, headers: alice.headers })).status).toBe(200);
    for (const res of [await getDraft(alice.headers, doomed), await putDraft(alice.headers, { content }, doomed), await deleteDraft(alice.headers, doomed)]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('needs a caller, and the editor role to write', async () => {
    expect((await getDraft({})).status).toBe(401);
    const viewer = await createTestUser({ role: 'viewer' });
    const own = await createPrompt(await createTestUser());
    expect((await putDraft(viewer.headers, { content }, own)).status).toBe(403);
  });

  it.each([
    ['an unknown field', { content, colour: 'red' }, 'colour'],
    ['no content', { baseVersionNumber: 1 }, 'content'],
    ['an unknown content field', { content: { prompt: 'x' } }, 'content.prompt'],
    ['a bad base version', { content, baseVersionNumber: 0 }, 'baseVersionNumber'],
    ['a non-text value', { content: { values: { n: 3 } } }, 'content.values.n'],
  ])('refuses %s with INVALID_INPUT naming the field', async (_name, body, field) => {
    const res = await putDraft(alice.headers, body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details?.fields?.map((f) => f.path)).toContain(field);
  });

  it('refuses a draft over the size limit with 413 and a sentence, keeping the saved one', async () => {
    await putDraft(alice.headers, { content: { userPrompt: 'kept' } });
    // Each field is within its own limit; together they pass what a draft may keep.
    const big = 'x'.repeat(95_000);
    const tooLarge = { content: { messages: Array.from({ length: Math.ceil(MAX_DRAFT_BYTES / 95_000) }, () => ({ role: 'user', content: big })) } };
    const res = await putDraft(alice.headers, tooLarge);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.error.message).toMatch(/^This draft is [\d,]+ KB, more than the 512 KB a draft can keep\./);
    expect((await getDraft(alice.headers)).body.data.content).toEqual({ userPrompt: 'kept' });
  });

  it('limits autosave to 120 writes a minute per user', async () => {
    const eve = await createTestUser();
    const own = await createPrompt(eve);
    for (let i = 0; i < 120; i++) {
      const res = await putDraft(eve.headers, { content: { userPrompt: `v${i}` } }, own);
      expect(res.status).toBe(200);
    }
    const limited = await putDraft(eve.headers, { content: { userPrompt: 'one too many' } }, own);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Reading is not limited.
    expect((await getDraft(eve.headers, own)).body.data.content).toEqual({ userPrompt: 'v119' });
  });
});
