import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as pricesRoute from '@/app/api/v1/workspace/prices/route';
import * as priceRoute from '@/app/api/v1/workspace/prices/[id]/route';
import { PRICE_TABLE_VERSION, priceFor } from '@/lib/llm/pricing';
import { expectMatchesDocument } from './openapi-responses';
import { call, createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let owner: TestUser;
let admin: TestUser;
let editor: TestUser;
let viewer: TestUser;
let other: TestUser;

beforeAll(async () => {
  pipeline = await startRunPipeline();
  [owner, admin, editor, viewer, other] = await Promise.all([
    createTestUser(),
    createTestUser({ role: 'admin' }),
    createTestUser({ role: 'editor' }),
    createTestUser({ role: 'viewer' }),
    createTestUser(),
  ]);
});

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

const list = (user: TestUser) => call(pricesRoute.GET, { headers: user.headers });
const create = (user: TestUser, body: unknown) => call(pricesRoute.POST, { method: 'POST', body, headers: user.headers });
const remove = (user: TestUser, id: string) => call(priceRoute.DELETE, { method: 'DELETE', params: { id }, headers: user.headers });

const valid = { provider: 'openai', model: 'some-model', effectiveFrom: '2026-01-01', inputPerMTok: 1.5, outputPerMTok: 3 };

describe('workspace prices API', () => {
  it('creates, lists and deletes a price', async () => {
    const res = await create(owner, { ...valid, cachedInputPerMTok: 0.25 });
    expect(res.status).toBe(201);
    expectMatchesDocument('post', '/api/v1/workspace/prices', res.status, res.body);
    expect(res.body.data).toEqual({
      id: expect.any(String),
      provider: 'openai',
      model: 'some-model',
      effectiveFrom: '2026-01-01T00:00:00.000Z',
      inputPerMTok: 1.5,
      outputPerMTok: 3,
      cachedInputPerMTok: 0.25,
      cacheWritePerMTok: null,
      cacheWrite1hPerMTok: null,
      createdAt: expect.any(String),
    });
    const listed = await list(owner);
    expect(listed.status).toBe(200);
    expectMatchesDocument('get', '/api/v1/workspace/prices', listed.status, listed.body);
    expect(listed.body.data.items).toEqual([res.body.data]);

    const deleted = await remove(owner, res.body.data.id);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toEqual({ id: res.body.data.id });
    expect((await list(owner)).body.data.items).toEqual([]);
    expect((await remove(owner, res.body.data.id)).status).toBe(404);
  });

  it('keeps the 5-minute and 1-hour cache write prices apart', async () => {
    const res = await create(owner, { ...valid, model: 'two-lifetimes', cacheWritePerMTok: 1.875, cacheWrite1hPerMTok: 3 });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ cacheWritePerMTok: 1.875, cacheWrite1hPerMTok: 3 });
    const listed = (await list(owner)).body.data.items.find((p: { id: string }) => p.id === res.body.data.id);
    expect(listed).toMatchObject({ cacheWritePerMTok: 1.875, cacheWrite1hPerMTok: 3 });
    const bad = await create(owner, { ...valid, model: 'bad-1h', cacheWrite1hPerMTok: -1 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details!.fields!.map((f) => f.path)).toEqual(['cacheWrite1hPerMTok']);
  });

  it('accepts a datetime with its zone as the effective instant', async () => {
    const res = await create(owner, { ...valid, model: 'zoned', effectiveFrom: '2026-03-01T09:30:00+02:00' });
    expect(res.status).toBe(201);
    expect(res.body.data.effectiveFrom).toBe('2026-03-01T07:30:00.000Z');
  });

  it('answers 409 for the same provider, model and effective instant', async () => {
    expect((await create(owner, { ...valid, model: 'dup' })).status).toBe(201);
    const again = await create(owner, { ...valid, model: 'dup', effectiveFrom: '2026-01-01T00:00:00Z', inputPerMTok: 9 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    // Another effective date is a new entry, not a conflict.
    expect((await create(owner, { ...valid, model: 'dup', effectiveFrom: '2026-02-01' })).status).toBe(201);
  });

  it('names every invalid field', async () => {
    const res = await create(owner, {
      provider: '',
      model: 'x'.repeat(201),
      effectiveFrom: '01/02/2026',
      inputPerMTok: -1,
      outputPerMTok: 10_001,
      cachedInputPerMTok: 'free',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    const paths = res.body.error.details!.fields!.map((f) => f.path).sort();
    expect(paths).toEqual(['cachedInputPerMTok', 'effectiveFrom', 'inputPerMTok', 'model', 'outputPerMTok', 'provider']);
    const bad = await create(owner, { ...valid, effectiveFrom: '10000-01-01T00:00:00Z' });
    expect(bad.status).toBe(422);
    expect((await create(owner, { ...valid, effectiveFrom: '2026-02-30' })).status).toBe(422);
    expect((await create(owner, { ...valid, model: 'nozone', effectiveFrom: '2026-01-01T00:00:00' })).status).toBe(422);
    expect((await create(owner, { ...valid, extra: true })).status).toBe(422);
  });

  it('lets admins and owners write, and everyone read', async () => {
    expect((await create(admin, { ...valid, model: 'by-admin' })).status).toBe(201);
    const byEditor = await create(editor, { ...valid, model: 'by-editor' });
    expect(byEditor.status).toBe(403);
    expect(byEditor.body.error.code).toBe('FORBIDDEN');
    expect((await create(viewer, valid)).status).toBe(403);
    expect((await list(viewer)).status).toBe(200);

    const made = await create(admin, { ...valid, model: 'to-delete' });
    expect((await remove(editor, made.body.data.id)).status).toBe(403);
    expect((await remove(admin, made.body.data.id)).status).toBe(200);
  });

  it("keeps another workspace's prices out of reach (404) and out of lists", async () => {
    const mine = await create(owner, { ...valid, model: 'private' });
    expect(mine.status).toBe(201);
    expect((await list(other)).body.data.items).toEqual([]);
    const res = await remove(other, mine.body.data.id);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await list(owner)).body.data.items.map((p: { id: string }) => p.id)).toContain(mine.body.data.id);
    expect((await remove(other, 'not-a-uuid')).status).toBe(404);
  });
});

describe('run costs from workspace prices', () => {
  it('prices a custom model from the workspace entry and records where the price came from', async () => {
    const user = await createTestUser();
    const promptId = (await pipeline.createPrompt(user)).id;
    const before = await pipeline.startRun(user, { promptId, variables: { topic: 'unpriced' }, provider: 'openai', model: 'my-finetune' });
    expect(before.status).toBe(202);
    const unpriced = await pipeline.waitForRun(user, before.body.data.id);
    expect(unpriced).toMatchObject({ status: 'succeeded', costUsd: null, priceSource: null, experimentId: null });

    const price = await create(user, { provider: 'openai', model: 'my-finetune', effectiveFrom: '2020-01-01', inputPerMTok: 100, outputPerMTok: 1000 });
    expect(price.status).toBe(201);
    const res = await pipeline.startRun(user, { promptId, variables: { topic: 'finetunes' }, provider: 'openai', model: 'my-finetune' });
    const run = await pipeline.waitForRun(user, res.body.data.id);
    expect(run.status).toBe('succeeded');
    expect(run.usage).toMatchObject({ inputTokens: 4, outputTokens: 5, estimated: false });
    // 4 × $100 + 5 × $1000 per million tokens.
    expect(run.costUsd).toBeCloseTo(0.0054, 10);
    expect(run.priceSource).toEqual({ kind: 'workspace', priceId: price.body.data.id, effectiveFrom: '2020-01-01T00:00:00.000Z' });
    // 4 × $100 = 400 micro-dollars, 5 × $1000 = 5000 micro-dollars.
    expect(run.costBreakdown).toEqual({
      lines: [
        { tokenClass: 'input', tokens: 4, perMTok: 100, usd: 0.0004 },
        { tokenClass: 'output', tokens: 5, perMTok: 1000, usd: 0.005 },
      ],
      tier: null,
      estimated: false,
      reasoningUncounted: false,
    });

    // Another workspace running the same model does not get this price.
    const otherPrompt = (await pipeline.createPrompt(other)).id;
    const theirs = await pipeline.startRun(other, { promptId: otherPrompt, variables: { topic: 'not-theirs' }, provider: 'openai', model: 'my-finetune' });
    expect(await pipeline.waitForRun(other, theirs.body.data.id)).toMatchObject({ status: 'succeeded', costUsd: null, priceSource: null });
  });

  it('records the table version for a table model', async () => {
    const user = await createTestUser();
    const promptId = (await pipeline.createPrompt(user)).id;
    const res = await pipeline.startRun(user, { promptId, variables: { topic: 'table-priced' } });
    const run = await pipeline.waitForRun(user, res.body.data.id);
    expect(run.status).toBe('succeeded');
    expect(run.costUsd).toBeGreaterThan(0);
    const entry = priceFor('openai', 'gpt-4o-mini', new Date(run.createdAt))!;
    expect(run.priceSource).toEqual({
      kind: 'table',
      tableVersion: PRICE_TABLE_VERSION,
      entry: { model: entry.model, effectiveFrom: entry.effectiveFrom, source: entry.source, checkedOn: entry.checkedOn },
    });
  });

  it('lets a workspace price override the table, and dropping it takes effect at once', async () => {
    const user = await createTestUser();
    const promptId = (await pipeline.createPrompt(user)).id;
    const price = await create(user, { provider: 'openai', model: 'gpt-4o-mini', effectiveFrom: '2020-01-01', inputPerMTok: 0, outputPerMTok: 0 });
    const res = await pipeline.startRun(user, { promptId, variables: { topic: 'overridden' } });
    const run = await pipeline.waitForRun(user, res.body.data.id);
    expect(run).toMatchObject({ costUsd: 0, priceSource: { kind: 'workspace', priceId: price.body.data.id } });

    expect((await remove(user, price.body.data.id)).status).toBe(200);
    const after = await pipeline.waitForRun(user, (await pipeline.startRun(user, { promptId, variables: { topic: 'table-again' } })).body.data.id);
    expect(after.priceSource).toMatchObject({ kind: 'table', tableVersion: PRICE_TABLE_VERSION });
    expect(after.costUsd).toBeGreaterThan(0);
  });
});
