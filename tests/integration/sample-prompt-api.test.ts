import { beforeAll, describe, expect, it } from 'vitest';
import * as inputSetsRoute from '@/app/api/v1/prompts/[id]/input-sets/route';
import * as promptRoute from '@/app/api/v1/prompts/[id]/route';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as sampleRoute from '@/app/api/v1/prompts/sample/route';
import * as datasetsRoute from '@/app/api/v1/datasets/route';
import { SAMPLE_DATASET_ITEMS, SAMPLE_DATASET_NAME } from '@/lib/datasets/sample-dataset';
import { SAMPLE_INPUT_SETS, SAMPLE_PROMPT } from '@/lib/prompts/sample-prompt';
import { call, createTestUser, type TestUser } from './helpers';

const createSample = (user: TestUser) => call(sampleRoute.POST, { method: 'POST', headers: user.headers });

let alice: TestUser;

// The first user also opens the database: within the hook's longer timeout.
beforeAll(async () => {
  alice = await createTestUser();
});

describe('POST /api/v1/prompts/sample', () => {
  it('creates the sample prompt on the local model with its input set, in the caller’s workspace', async () => {
    const res = await createSample(alice);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ title: SAMPLE_PROMPT.title, slug: SAMPLE_PROMPT.slug, tags: ['sample'], versionCount: 1 });
    expect(res.body.data.currentVersion.model).toMatchObject({ provider: 'local', model: 'promptlab-local' });
    expect(res.body.data.currentVersion.variables.map((v: { name: string }) => v.name).sort()).toEqual(['max_sentences', 'message', 'tone']);

    const sets = await call(inputSetsRoute.GET, { params: { id: res.body.data.id }, headers: alice.headers });
    expect(sets.body.data).toEqual([expect.objectContaining(SAMPLE_INPUT_SETS[0])]);
    const list = await call(promptsRoute.GET, { path: '/api/v1/prompts', headers: alice.headers });
    expect(list.body.data.items.map((p: { id: string }) => p.id)).toEqual([res.body.data.id]);
    // Its dataset comes along, so Test has cases at once; a second click adds no second one.
    await createSample(alice);
    const datasets = await call(datasetsRoute.GET, { path: '/api/v1/datasets', headers: alice.headers });
    expect(datasets.body.data.items.map((d: { name: string; itemCount: number }) => [d.name, d.itemCount])).toEqual([[SAMPLE_DATASET_NAME, SAMPLE_DATASET_ITEMS.length]]);
  });

  it('answers the existing sample on a second call (200), and makes a new one once it is deleted', async () => {
    const alice = await createTestUser();
    const first = await createSample(alice);
    const second = await createSample(alice);
    expect(second.status).toBe(200);
    expect(second.body.data.id).toBe(first.body.data.id);
    const sets = await call(inputSetsRoute.GET, { params: { id: first.body.data.id }, headers: alice.headers });
    expect(sets.body.data).toHaveLength(SAMPLE_INPUT_SETS.length);

    await call(promptRoute.DELETE, { method: 'DELETE', params: { id: first.body.data.id }, headers: alice.headers });
    const third = await createSample(alice);
    expect(third.status).toBe(201);
    expect(third.body.data.id).not.toBe(first.body.data.id);
  });

  it('makes one sample when two clicks arrive together', async () => {
    const alice = await createTestUser();
    const results = await Promise.all([createSample(alice), createSample(alice)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(results[0]!.body.data.id).toBe(results[1]!.body.data.id);
  });

  it('keeps each workspace its own sample', async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    const mine = await createSample(alice);
    const theirs = await createSample(bob);
    expect(theirs.status).toBe(201);
    expect(theirs.body.data.id).not.toBe(mine.body.data.id);
    expect((await call(promptRoute.GET, { params: { id: mine.body.data.id }, headers: bob.headers })).status).toBe(404);
  });

  it('needs a caller with the editor role', async () => {
    expect((await call(sampleRoute.POST, { method: 'POST' })).status).toBe(401);
    const viewer = await createTestUser({ role: 'viewer' });
    const res = await createSample(viewer);
    expect(res.status).toBe(403);
  });
});
