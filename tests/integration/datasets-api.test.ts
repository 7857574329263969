import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as datasetsRoute from '@/app/api/v1/datasets/route';
import * as datasetRoute from '@/app/api/v1/datasets/[id]/route';
import * as itemsRoute from '@/app/api/v1/datasets/[id]/items/route';
import * as itemRoute from '@/app/api/v1/datasets/[id]/items/[itemId]/route';
import * as importRoute from '@/app/api/v1/datasets/[id]/import/route';
import * as exportRoute from '@/app/api/v1/datasets/[id]/export/route';
import { getDb } from '@/db/client';
import { createApiKeyRecord } from '@/db/queries/api-keys';
import { createUser } from '@/db/queries/users';
import { datasetItems, datasets, experiments, workspaceMembers } from '@/db/schema';
import { generateApiKey } from '@/lib/auth/api-key-token';
import { call, createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;
let viewer: TestUser;
let mallory: TestUser;

beforeAll(async () => {
  pipeline = await startRunPipeline();
  [alice, mallory] = await Promise.all([createTestUser(), createTestUser()]);
  viewer = await memberOf(alice, 'viewer');
});

/** A second member of `owner`'s workspace, calling with a key of that workspace. */
async function memberOf(owner: TestUser, role: 'viewer' | 'editor'): Promise<TestUser> {
  const user = await createUser({ email: `member-${Date.now()}-${Math.random()}@example.test`, name: 'Member' });
  const db = await getDb();
  await db.insert(workspaceMembers).values({ workspaceId: owner.workspace.id, userId: user.id, role });
  const { key, prefix, hashedKey } = generateApiKey();
  const apiKey = await createApiKeyRecord({ workspaceId: owner.workspace.id, userId: user.id, name: 'member', prefix, hashedKey });
  return { user, workspace: owner.workspace, key, apiKey, headers: { authorization: `Bearer ${key}` } };
}

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

let names = 0;
const uniqueName = () => `Dataset ${++names}`;

const create = (user: TestUser, body: unknown) => call(datasetsRoute.POST, { method: 'POST', body, headers: user.headers });
const list = (user: TestUser, query = '') => call(datasetsRoute.GET, { path: `/api/v1/datasets${query}`, headers: user.headers });
const get = (user: TestUser, id: string) => call(datasetRoute.GET, { params: { id }, headers: user.headers });
const patch = (user: TestUser, id: string, body: unknown) => call(datasetRoute.PATCH, { method: 'PATCH', params: { id }, body, headers: user.headers });
const remove = (user: TestUser, id: string) => call(datasetRoute.DELETE, { method: 'DELETE', params: { id }, headers: user.headers });
const items = (user: TestUser, id: string, query = '') => call(itemsRoute.GET, { path: `/api/v1/datasets/${id}/items${query}`, params: { id }, headers: user.headers });
const addItems = (user: TestUser, id: string, body: unknown) => call(itemsRoute.POST, { method: 'POST', params: { id }, body, headers: user.headers });
const patchItem = (user: TestUser, id: string, itemId: string, body: unknown) =>
  call(itemRoute.PATCH, { method: 'PATCH', params: { id, itemId }, body, headers: user.headers });
const removeItem = (user: TestUser, id: string, itemId: string) => call(itemRoute.DELETE, { method: 'DELETE', params: { id, itemId }, headers: user.headers });

async function newDataset(user: TestUser, body: Record<string, unknown> = {}) {
  const res = await create(user, { name: uniqueName(), ...body });
  expect(res.status).toBe(201);
  return res.body.data as { id: string; name: string; itemCount: number; variables: string[] };
}

describe('datasets CRUD', () => {
  it('creates a dataset with items and reads it back with its variables', async () => {
    const res = await create(alice, {
      name: 'Support questions',
      description: 'From the inbox',
      items: [{ input: { topic: 'refunds', tone: 'calm' }, expected: 'Refunds take 5 days' }, { input: { topic: 'login' }, metadata: { source: 'web' } }],
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      id: expect.any(String),
      name: 'Support questions',
      description: 'From the inbox',
      itemCount: 2,
      variables: ['tone', 'topic'],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = res.body.data.id;
    expect((await get(alice, id)).body.data).toEqual(res.body.data);
    const page = await items(alice, id);
    expect(page.status).toBe(200);
    expect(page.body.data.nextCursor).toBeNull();
    expect(page.body.data.items).toEqual([
      { id: expect.any(String), position: 1, input: { topic: 'refunds', tone: 'calm' }, expected: 'Refunds take 5 days', metadata: {}, createdAt: expect.any(String), updatedAt: expect.any(String) },
      { id: expect.any(String), position: 2, input: { topic: 'login' }, expected: null, metadata: { source: 'web' }, createdAt: expect.any(String), updatedAt: expect.any(String) },
    ]);
    // Viewers of the workspace read, and may not write.
    expect((await get(viewer, id)).body.data).toEqual(res.body.data);
    expect((await items(viewer, id)).body.data.items).toHaveLength(2);
    expect((await patch(viewer, id, { name: 'viewer was here' })).status).toBe(403);
  });

  it('answers 409 for a name the workspace already uses, on create and on rename', async () => {
    const first = await newDataset(alice);
    const again = await create(alice, { name: first.name });
    expect(again.status).toBe(409);
    expect(again.body.error.details!.fields).toEqual([{ path: 'name', message: 'is already taken' }]);
    const second = await newDataset(alice);
    expect((await patch(alice, second.id, { name: first.name })).status).toBe(409);
    // Another workspace may use the same name.
    expect((await create(mallory, { name: first.name })).status).toBe(201);
  });

  it('renames, describes and deletes; a deleted dataset leaves experiments with a null datasetId', async () => {
    const dataset = await newDataset(alice, { items: [{ input: { a: '1' } }] });
    const renamed = await patch(alice, dataset.id, { name: 'Renamed set', description: 'now described' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ name: 'Renamed set', description: 'now described', itemCount: 1, variables: ['a'] });

    const db = await getDb();
    const [experiment] = await db
      .insert(experiments)
      .values({ workspaceId: alice.workspace.id, datasetId: dataset.id, datasetName: 'Renamed set', name: 'e', config: {} as never, promptIds: [], totalCells: 0 })
      .returning();
    const deleted = await remove(alice, dataset.id);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toEqual({ id: dataset.id });
    expect((await get(alice, dataset.id)).status).toBe(404);
    expect(await db.select().from(datasetItems).where(eq(datasetItems.datasetId, dataset.id))).toEqual([]);
    const [kept] = await db.select().from(experiments).where(eq(experiments.id, experiment!.id));
    expect(kept).toMatchObject({ datasetId: null, datasetName: 'Renamed set' });
  });

  it('lists newest updated first with search and cursors', async () => {
    const user = await createTestUser();
    const made = [];
    for (const name of ['alpha one', 'beta two', 'alpha three']) made.push((await create(user, { name })).body.data);
    const first = await list(user, '?limit=2');
    expect(first.body.data.items.map((d: { name: string }) => d.name)).toEqual(['alpha three', 'beta two']);
    const second = await list(user, `?limit=2&cursor=${first.body.data.nextCursor}`);
    expect(second.body.data.items.map((d: { name: string }) => d.name)).toEqual(['alpha one']);
    expect(second.body.data.nextCursor).toBeNull();
    expect((await list(user, '?q=ALPHA')).body.data.items).toHaveLength(2);
    expect((await list(user, '?q=%25')).body.data.items).toHaveLength(0);
    expect((await list(user, '?cursor=bogus')).status).toBe(422);
    expect((await list(user, '?limit=101')).status).toBe(422);
    // Touching a dataset moves it to the top.
    await addItems(user, made[0].id, { input: { x: 1 } });
    expect((await list(user, '?limit=1')).body.data.items[0].name).toBe('alpha one');
  });

  it('names invalid fields', async () => {
    const res = await create(alice, { name: '', description: 'x'.repeat(2001), items: [{ input: 'no' }] });
    expect(res.status).toBe(422);
    expect(res.body.error.details!.fields!.map((f) => f.path).sort()).toEqual(['description', 'items.0.input', 'name']);
    const nul = await create(alice, { name: 'bad', items: [{ input: { topic: 'a\u0000b' } }] });
    expect(nul.status).toBe(422);
    expect(nul.body.error.details!.fields).toEqual([{ path: 'items.0.input.topic', message: expect.stringContaining('NUL') }]);
    expect((await create(alice, { name: 'x', extra: 1 })).status).toBe(422);
    expect((await call(datasetsRoute.POST, { method: 'POST', rawBody: '{', headers: alice.headers })).status).toBe(400);
    const dataset = await newDataset(alice);
    expect((await patch(alice, dataset.id, {})).status).toBe(422);
    expect((await create(viewer, { name: 'by viewer' })).status).toBe(403);
  });
});

describe('dataset items', () => {
  it('adds one item or many, continuing positions after the last', async () => {
    const dataset = await newDataset(alice, { items: [{ input: { q: '1' } }] });
    const one = await addItems(alice, dataset.id, { input: { q: '2' }, expected: { answer: 2 } });
    expect(one.status).toBe(201);
    expect(one.body.data).toMatchObject({ count: 1, items: [{ position: 2, input: { q: '2' }, expected: { answer: 2 } }] });
    const many = await addItems(alice, dataset.id, { items: [{ input: { q: '3' } }, { input: { q: '4' } }] });
    expect(many.body.data.items.map((i: { position: number }) => i.position)).toEqual([3, 4]);
    expect((await get(alice, dataset.id)).body.data.itemCount).toBe(4);
  });

  it('takes 10,000 items in one request, pages them, and refuses one more than fits, saying how many fit', async () => {
    const dataset = await newDataset(alice);
    const bulk = Array.from({ length: 10_000 }, (_, i) => ({ input: { n: String(i + 1), topic: `t${i % 7}` } }));
    const started = Date.now();
    const res = await addItems(alice, dataset.id, { items: bulk });
    expect(res.status).toBe(201);
    expect(res.body.data.count).toBe(10_000);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect((await get(alice, dataset.id)).body.data).toMatchObject({ itemCount: 10_000, variables: ['n', 'topic'] });

    const page1 = await items(alice, dataset.id, '?limit=1000');
    expect(page1.body.data.items).toHaveLength(1000);
    expect(page1.body.data.items[999].position).toBe(1000);
    const page2 = await items(alice, dataset.id, `?limit=1000&cursor=${page1.body.data.nextCursor}`);
    expect(page2.body.data.items[0]).toMatchObject({ position: 1001, input: { n: '1001' } });
    expect((await items(alice, dataset.id, '?limit=1001')).status).toBe(422);

    const over = await addItems(alice, dataset.id, { input: { n: 'one more' } });
    expect(over.status).toBe(422);
    expect(over.body.error.message).toContain('0 more fit');
    expect((await get(alice, dataset.id)).body.data.itemCount).toBe(10_000);
  });

  it('refuses a batch that does not fit, naming how many do, and adds none of it', async () => {
    const dataset = await newDataset(alice, { items: Array.from({ length: 9_998 }, () => ({ input: { a: 'x' } })) });
    const res = await addItems(alice, dataset.id, { items: [{ input: { a: '1' } }, { input: { a: '2' } }, { input: { a: '3' } }] });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/it has 9,998, so 2 more fit, not 3/);
    expect((await get(alice, dataset.id)).body.data.itemCount).toBe(9_998);
  });

  it('searches items and edits and deletes one', async () => {
    const dataset = await newDataset(alice, { items: [{ input: { topic: 'tides' } }, { input: { topic: 'moons' }, expected: 'Phobos' }] });
    expect((await items(alice, dataset.id, '?q=phobos')).body.data.items.map((i: { input: { topic: string } }) => i.input.topic)).toEqual(['moons']);
    const [first] = (await items(alice, dataset.id)).body.data.items;
    const edited = await patchItem(alice, dataset.id, first.id, { expected: 'high and low', metadata: { checked: true } });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ id: first.id, input: { topic: 'tides' }, expected: 'high and low', metadata: { checked: true } });
    expect((await patchItem(alice, dataset.id, first.id, { expected: null })).body.data.expected).toBeNull();
    expect((await patchItem(alice, dataset.id, first.id, {})).status).toBe(422);
    expect((await patchItem(alice, dataset.id, first.id, { input: { topic: 'x'.repeat(1100 * 1024) } })).status).toBe(413);
    const big = await patchItem(alice, dataset.id, first.id, { input: { a: 'x'.repeat(200 * 1024), b: 'y'.repeat(100 * 1024) } });
    expect(big.status).toBe(422);
    expect(big.body.error.message).toContain('at most 256 KB');

    expect((await removeItem(alice, dataset.id, first.id)).body.data).toEqual({ id: first.id });
    expect((await removeItem(alice, dataset.id, first.id)).status).toBe(404);
    expect((await get(alice, dataset.id)).body.data.itemCount).toBe(1);
  });

  it('validates items with their paths', async () => {
    const dataset = await newDataset(alice);
    const res = await addItems(alice, dataset.id, { items: [{ input: { ok: 1 } }, { input: { ok: 1 }, extra: true }, { expected: 'no input' }] });
    expect(res.status).toBe(422);
    const paths = res.body.error.details!.fields!.map((f) => f.path);
    expect(paths).toContain('items.1.extra');
    expect(paths).toContain('items.2.input');
    const deep = await addItems(alice, dataset.id, { input: { v: JSON.parse('['.repeat(40) + ']'.repeat(40)) } });
    expect(deep.status).toBe(422);
    expect(deep.body.error.details!.fields![0]!.path).toMatch(/^input\.v/);
    expect((await addItems(alice, dataset.id, { items: [] })).status).toBe(422);
    expect((await addItems(viewer, dataset.id, { input: { a: 1 } })).status).toBe(403);
  });

  it('adds a run from history: its variables become the input, its output the expected value', async () => {
    const promptId = (await pipeline.createPrompt(alice)).id;
    const started = await pipeline.startRun(alice, { promptId, variables: { topic: 'glaciers' } });
    const run = await pipeline.waitForRun(alice, started.body.data.id);
    expect(run.status).toBe('succeeded');
    const dataset = await newDataset(alice);
    const res = await addItems(alice, dataset.id, { runId: run.id });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ count: 1, items: [{ input: { topic: 'glaciers' }, expected: 'Echo: Tell me about glaciers', metadata: { sourceRunId: run.id } }] });
    // Another workspace's run is not found.
    const theirs = await newDataset(mallory);
    const stolen = await addItems(mallory, theirs.id, { runId: run.id });
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.details!.fields).toEqual([{ path: 'runId', message: expect.any(String) }]);
    expect((await addItems(alice, dataset.id, { runId: 'nope' })).status).toBe(422);
  });
});

describe("another workspace's dataset", () => {
  it('is 404 on every route, and nothing changes', async () => {
    const dataset = await newDataset(alice, { items: [{ input: { topic: 'secret' } }] });
    const [item] = (await items(alice, dataset.id)).body.data.items;
    const id = dataset.id;
    const answers = [
      await get(mallory, id),
      await patch(mallory, id, { name: 'mine now' }),
      await items(mallory, id),
      await addItems(mallory, id, { input: { topic: 'injected' } }),
      await patchItem(mallory, id, item.id, { expected: 'x' }),
      await removeItem(mallory, id, item.id),
      await call(importRoute.POST, { method: 'POST', params: { id }, rawBody: 'topic\nx\n', headers: { ...mallory.headers, 'content-type': 'text/csv' } }),
      await call(exportRoute.GET, { path: `/api/v1/datasets/${id}/export?format=jsonl`, params: { id }, headers: mallory.headers }).catch(() => ({ status: 0, body: null })),
      await remove(mallory, id),
    ];
    expect(answers.map((a) => a.status)).toEqual(Array(answers.length).fill(404));
    expect((await list(mallory)).body.data.items.map((d: { id: string }) => d.id)).not.toContain(id);
    // An item id of one dataset is not found through another of the same workspace either.
    const other = await newDataset(alice);
    expect((await patchItem(alice, other.id, item.id, { expected: 'x' })).status).toBe(404);
    const db = await getDb();
    const [row] = await db.select().from(datasets).where(eq(datasets.id, id));
    expect(row).toMatchObject({ name: dataset.name, itemCount: 1 });
    expect((await items(alice, id)).body.data.items).toEqual([item]);
    expect((await get(alice, 'not-a-uuid')).status).toBe(404);
  });
});
