/**
 * The prompt API for apps: GET /prompts/by-slug/{slug} (labels, versions, ETag/304), render in both providers'
 * shapes, runs by slug (label recorded, sticky split, `wait`), and that every change reaches the next request.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyRecord } from '@/db/queries/api-keys';
import { createUser } from '@/db/queries/users';
import { getDb } from '@/db/client';
import { workspaceMembers } from '@/db/schema';
import { generateApiKey } from '@/lib/auth/api-key-token';
import { call, createTestUser, type TestUser } from './helpers';
import { expectMatchesDocument } from './openapi-responses';
import { startRunPipeline } from './runs-harness';

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let routes: {
  bySlug: typeof import('@/app/api/v1/prompts/by-slug/[slug]/route');
  render: typeof import('@/app/api/v1/prompts/by-slug/[slug]/render/route');
  label: typeof import('@/app/api/v1/prompts/[id]/labels/[label]/route');
  versions: typeof import('@/app/api/v1/prompts/[id]/versions/route');
  prompt: typeof import('@/app/api/v1/prompts/[id]/route');
  apiKey: typeof import('@/app/api/v1/api-keys/[id]/route');
};
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  pipeline = await startRunPipeline();
  routes = {
    bySlug: await import('@/app/api/v1/prompts/by-slug/[slug]/route'),
    render: await import('@/app/api/v1/prompts/by-slug/[slug]/render/route'),
    label: await import('@/app/api/v1/prompts/[id]/labels/[label]/route'),
    versions: await import('@/app/api/v1/prompts/[id]/versions/route'),
    prompt: await import('@/app/api/v1/prompts/[id]/route'),
    apiKey: await import('@/app/api/v1/api-keys/[id]/route'),
  };
  alice = await createTestUser();
  bob = await createTestUser();
});

afterAll(async () => {
  await pipeline?.close();
});

/** A prompt with versions 1..count ("v1 {{topic}}", "v2 {{topic}}", …). */
async function promptWithVersions(count: number) {
  const slug = `deliver-${randomUUID().slice(0, 8)}`;
  const { id } = await pipeline.createPrompt(alice, { slug, userPrompt: 'v1 about {{ topic }}', systemPrompt: 'Be brief.' });
  for (let n = 2; n <= count; n += 1) {
    const res = await call(routes.versions.POST, { method: 'POST', params: { id }, headers: alice.headers, body: { systemPrompt: 'Be brief.', userPrompt: `v${n} about {{ topic }}` } });
    expect(res.status).toBe(201);
  }
  return { id, slug };
}

// Every answer is checked against the OpenAPI document too.
async function get(slug: string, query = '', headers: Record<string, string> = alice.headers) {
  const res = await call(routes.bySlug.GET, { path: `/api/v1/prompts/by-slug/${slug}${query}`, params: { slug }, headers });
  expectMatchesDocument('GET', '/api/v1/prompts/by-slug/{slug}', res.status, res.body);
  return res;
}

async function render(slug: string, body: Record<string, unknown>, headers: Record<string, string> = alice.headers) {
  const res = await call(routes.render.POST, { method: 'POST', params: { slug }, headers, body });
  expectMatchesDocument('POST', '/api/v1/prompts/by-slug/{slug}/render', res.status, res.body);
  return res;
}

const setLabel = async (id: string, label: string, body: Record<string, unknown>) => {
  const res = await call(routes.label.PUT, { method: 'PUT', params: { id, label }, headers: alice.headers, body });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
};

async function viewerOf(owner: TestUser) {
  const user = await createUser({ email: `viewer-${randomUUID()}@example.test`, name: 'Viewer' });
  const db = await getDb();
  await db.insert(workspaceMembers).values({ workspaceId: owner.workspace.id, userId: user.id, role: 'viewer' });
  const { key, prefix, hashedKey } = generateApiKey();
  await createApiKeyRecord({ workspaceId: owner.workspace.id, userId: user.id, name: 'viewer key', prefix, hashedKey });
  return { authorization: `Bearer ${key}` };
}

describe('GET /api/v1/prompts/by-slug/{slug}', () => {
  it('serves `latest` until `production` exists, then `production`; `label` and `version` pick exactly', async () => {
    const { id, slug } = await promptWithVersions(3);
    const first = await get(slug);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ id, slug, versionNumber: 3, label: 'latest', userPrompt: 'v3 about {{ topic }}', systemPrompt: 'Be brief.' });
    expect(first.body.data.variables).toEqual([expect.objectContaining({ name: 'topic' })]);
    expect(first.body.data.model).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(first.headers.get('etag')).toBe(first.body.data.etag);
    expect(first.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');

    await setLabel(id, 'production', { versionNumber: 1 });
    await setLabel(id, 'staging', { versionNumber: 2 });
    expect((await get(slug)).body.data).toMatchObject({ versionNumber: 1, label: 'production' });
    expect((await get(slug, '?label=staging')).body.data).toMatchObject({ versionNumber: 2, label: 'staging' });
    expect((await get(slug, '?label=latest')).body.data).toMatchObject({ versionNumber: 3, label: 'latest' });
    expect((await get(slug, '?version=2')).body.data).toMatchObject({ versionNumber: 2, label: null, userPrompt: 'v2 about {{ topic }}' });
  });

  it('answers 304 to a matching If-None-Match, and 200 with a new ETag once the label moves', async () => {
    const { id, slug } = await promptWithVersions(2);
    await setLabel(id, 'production', { versionNumber: 1 });
    const first = await get(slug);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(slug, '', { ...alice.headers, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.get('etag')).toBe(etag);
    expect((await get(slug, '', { ...alice.headers, 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect((await get(slug, '', { ...alice.headers, 'if-none-match': '"other"' })).status).toBe(200);

    await setLabel(id, 'production', { versionNumber: 2 });
    const moved = await get(slug, '', { ...alice.headers, 'if-none-match': etag });
    expect(moved.status).toBe(200);
    expect(moved.body.data.versionNumber).toBe(2);
    expect(moved.headers.get('etag')).not.toBe(etag);
  });

  it('sees a label move, a new version and a slug change on the very next request', async () => {
    const { id, slug } = await promptWithVersions(2);
    await setLabel(id, 'production', { versionNumber: 1 });
    expect((await get(slug)).body.data.versionNumber).toBe(1);
    await setLabel(id, 'production', { versionNumber: 2 });
    expect((await get(slug)).body.data.versionNumber).toBe(2);

    expect((await get(slug, '?label=latest')).body.data.versionNumber).toBe(2);
    await call(routes.versions.POST, { method: 'POST', params: { id }, headers: alice.headers, body: { userPrompt: 'v3 {{ topic }}' } });
    expect((await get(slug, '?label=latest')).body.data.versionNumber).toBe(3);

    const renamed = `${slug}-renamed`;
    const patch = await call(routes.prompt.PATCH, { method: 'PATCH', params: { id }, headers: alice.headers, body: { slug: renamed } });
    expect(patch.status).toBe(200);
    expect((await get(slug)).status).toBe(404);
    expect((await get(renamed)).body.data).toMatchObject({ id, slug: renamed, versionNumber: 2 });

    await call(routes.prompt.DELETE, { method: 'DELETE', params: { id }, headers: alice.headers });
    expect((await get(renamed)).status).toBe(404);
  });

  it('answers concurrent first requests of a slug alike (they share one read)', async () => {
    const { slug } = await promptWithVersions(2);
    const answers = await Promise.all(Array.from({ length: 10 }, () => get(slug)));
    expect(new Set(answers.map((res) => res.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((res) => res.headers.get('etag'))).size).toBe(1);
    expect(answers[0]!.body.data.versionNumber).toBe(2);
  });

  it('is 404 for an unknown slug, label or version, and for another workspace; 422 for label with version', async () => {
    const { slug } = await promptWithVersions(1);
    expect((await get('no-such-prompt')).body.error.code).toBe('NOT_FOUND');
    expect((await get('Not A Slug')).status).toBe(404);
    expect((await get(slug, '?label=canary')).body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('canary') });
    expect((await get(slug, '?version=9')).status).toBe(404);
    expect((await get(slug, '', bob.headers)).status).toBe(404);
    const both = await get(slug, '?label=production&version=1');
    expect(both.status).toBe(422);
    expect(both.body.error.details?.fields).toEqual([expect.objectContaining({ path: 'version' })]);
    expect((await get(slug, '?label=Bad Label!')).status).toBe(422);
    expect((await get(slug, '?nonsense=1')).status).toBe(422);
  });

  it('lets a viewer read and render', async () => {
    const { slug } = await promptWithVersions(1);
    const viewer = await viewerOf(alice);
    expect((await get(slug, '', viewer)).body.data.versionNumber).toBe(1);
    const rendered = await render(slug, { variables: { topic: 'owls' } }, viewer);
    expect(rendered.status).toBe(200);
  });

  it('refuses a revoked API key on the next request', async () => {
    const { slug } = await promptWithVersions(1);
    const carol = await createTestUser();
    const carolSlug = `carol-${randomUUID().slice(0, 8)}`;
    await pipeline.createPrompt(carol, { slug: carolSlug });
    expect((await get(carolSlug, '', carol.headers)).status).toBe(200);
    const revoke = await call(routes.apiKey.DELETE, { method: 'DELETE', params: { id: carol.apiKey.id }, headers: carol.headers });
    expect(revoke.status).toBe(200);
    const after = await get(carolSlug, '', carol.headers);
    expect(after.status).toBe(401);
    expect((await get(slug)).status).toBe(200);
  });
});

describe('POST /api/v1/prompts/by-slug/{slug}/render', () => {
  it('answers the rendered messages in the OpenAI and the Anthropic shapes', async () => {
    const { id, slug } = await promptWithVersions(2);
    await setLabel(id, 'production', { versionNumber: 1 });
    const res = await render(slug, { variables: { topic: 'tides' } });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      versionNumber: 1,
      label: 'production',
      openai: { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'v1 about tides' }] },
      anthropic: { system: 'Be brief.', messages: [{ role: 'user', content: 'v1 about tides' }] },
      model: expect.objectContaining({ provider: 'openai', model: 'gpt-4o-mini' }),
    });
    const v2 = await render(slug, { version: 2, variables: { topic: 'x' } });
    expect(v2.body.data).toMatchObject({ versionNumber: 2, label: null, openai: { messages: [{ role: 'system' }, { role: 'user', content: 'v2 about x' }] } });
  });

  it('leaves Anthropic\'s `system` out when the prompt has no system turn, as the provider does', async () => {
    const slug = `plain-${randomUUID().slice(0, 8)}`;
    await pipeline.createPrompt(alice, { slug, userPrompt: 'Just {{ topic }}' });
    const res = await render(slug, { variables: { topic: 'owls' } });
    expect(res.body.data.anthropic).toEqual({ messages: [{ role: 'user', content: 'Just owls' }] });
    expect(res.body.data.openai).toEqual({ messages: [{ role: 'user', content: 'Just owls' }] });
  });

  it('refuses a missing variable with the same 422 as a run', async () => {
    const { slug } = await promptWithVersions(1);
    const missing = await render(slug, { variables: {} });
    const run = await pipeline.startRun(alice, { slug, variables: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details?.fields).toEqual([{ path: 'variables.topic', message: expect.any(String) }]);
    expect(run.status).toBe(422);
    expect(missing.body.error).toEqual(run.body.error);
    expect((await render(slug, { variables: { topic: 'a' } }, bob.headers)).status).toBe(404);
  });
});

describe('POST /api/v1/runs by slug', () => {
  it('runs the version the label serves and records label and version', async () => {
    const { id, slug } = await promptWithVersions(2);
    await setLabel(id, 'production', { versionNumber: 1 });
    const res = await pipeline.startRun(alice, { slug, variables: { topic: 'reefs' } });
    expect(res.status).toBe(202);
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({ status: 'succeeded', promptId: id, versionNumber: 1, label: 'production', output: 'Echo: v1 about reefs' });
    const byVersion = await pipeline.startRun(alice, { slug, versionNumber: 2, variables: { topic: 'reefs' }, cache: false });
    expect(await pipeline.waitForRun(alice, byVersion.body.data.id)).toMatchObject({ versionNumber: 2, label: null });
  });

  it('keeps one key on one version of a split across 50 requests, and spreads keys over both', async () => {
    const { id, slug } = await promptWithVersions(2);
    await setLabel(id, 'production', { split: [{ versionNumber: 1, weight: 50 }, { versionNumber: 2, weight: 50 }] });
    const served = new Set<number>();
    for (let i = 0; i < 50; i += 1) served.add((await get(slug, '?key=user-42')).body.data.versionNumber);
    expect(served.size).toBe(1);
    const byKey = new Set<number>();
    for (let i = 0; i < 40; i += 1) byKey.add((await get(slug, `?key=user-${i}`)).body.data.versionNumber);
    expect(byKey).toEqual(new Set([1, 2]));
    const run = await pipeline.startRun(alice, { slug, key: 'user-42', variables: { topic: 'split' }, wait: 10 });
    expect(run.body.data).toMatchObject({ label: 'production', versionNumber: [...served][0] });
  });

  it('answers the finished run with `wait`, and 202 when the run takes longer', async () => {
    const { slug } = await promptWithVersions(1);
    const done = await pipeline.startRun(alice, { slug, variables: { topic: 'quick' }, wait: 10 });
    expect(done.status).toBe(200);
    expectMatchesDocument('POST', '/api/v1/runs', done.status, done.body);
    expect(done.body.data).toMatchObject({ status: 'succeeded', output: 'Echo: v1 about quick', label: 'latest', versionNumber: 1, promptTitle: 'Pipeline' });

    pipeline.llm.configure({ ttftMs: 1500 });
    try {
      const started = Date.now();
      const slow = await pipeline.startRun(alice, { slug, variables: { topic: 'slow' }, wait: 0.3 });
      expect(slow.status).toBe(202);
      expectMatchesDocument('POST', '/api/v1/runs', slow.status, slow.body);
      expect(slow.body.data).toEqual({ id: expect.any(String), status: expect.stringMatching(/queued|running/) });
      expect(Date.now() - started).toBeLessThan(1200);
      expect((await pipeline.waitForRun(alice, slow.body.data.id)).status).toBe('succeeded');
    } finally {
      pipeline.llm.reset();
    }
  });

  it('stops waiting within a second of the request being aborted', async () => {
    const { waitForRun } = await import('@/lib/runs/wait-for-run');
    const { slug } = await promptWithVersions(1);
    pipeline.llm.configure({ ttftMs: 1500 });
    try {
      const accepted = await pipeline.startRun(alice, { slug, variables: { topic: 'aborted' } });
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 200);
      const started = Date.now();
      const latest = await waitForRun({ runId: accepted.body.data.id, workspaceId: alice.workspace.id, waitMs: 30_000, signal: abort.signal });
      expect(Date.now() - started).toBeLessThan(1500);
      expect(latest?.run.status).toMatch(/queued|running/);
      await pipeline.waitForRun(alice, accepted.body.data.id); // nothing left running into the next test
    } finally {
      pipeline.llm.reset();
    }
  });

  it('refuses a body with both or neither of promptId and slug, and label without slug', async () => {
    const { id, slug } = await promptWithVersions(1);
    const paths = async (body: Record<string, unknown>) => (await pipeline.startRun(alice, body)).body.error.details?.fields?.map((f: { path: string }) => f.path);
    expect(await paths({ promptId: id, slug, variables: { topic: 'a' } })).toEqual(['slug']);
    expect(await paths({ variables: { topic: 'a' } })).toEqual(['promptId']);
    expect(await paths({ promptId: id, label: 'production', variables: { topic: 'a' } })).toEqual(['label']);
    expect(await paths({ slug, wait: 61, variables: { topic: 'a' } })).toEqual(['wait']);
    expect(await paths({ slug: 'Not A Slug', variables: { topic: 'a' } })).toEqual(['slug']);
    expect((await pipeline.startRun(bob, { slug, variables: { topic: 'a' } })).status).toBe(404);
  });
});
