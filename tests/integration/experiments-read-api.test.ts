import { beforeAll, describe, expect, it } from 'vitest';
import * as listRoute from '@/app/api/v1/experiments/route';
import * as detailRoute from '@/app/api/v1/experiments/[id]/route';
import * as itemsRoute from '@/app/api/v1/experiments/[id]/items/route';
import * as cellsRoute from '@/app/api/v1/experiments/[id]/cells/route';
import * as compareRoute from '@/app/api/v1/experiments/[id]/compare/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import { insertRun } from '@/db/queries/runs';
import { call, createTestUser, type TestUser } from './helpers';
import { createDatasetRow, createPromptFor, seedExperiment, type SeedCell } from './experiments-read-fixture';

let alice: TestUser;
let bob: TestUser;
let prompt: Awaited<ReturnType<typeof createPromptFor>>;
/** 10 items × 2 variants: V0 passes items 0–7 and errors on 8–9; V1 passes 0–2, fails 3–8, is canceled on 9. */
let main: Awaited<ReturnType<typeof seedExperiment>>;

const items = Array.from({ length: 10 }, (_, i) => ({ input: { topic: `topic ${i}` }, expected: i % 2 ? { n: i } : `text ${i}` }));
function mainCell(item: number, variant: number): SeedCell {
  const base = { latencyMs: 100 * (item + 1), costUsd: 0.001, tokens: [10, 5] as [number, number] };
  if (variant === 0) {
    if (item >= 8) return { status: 'errored', latencyMs: null, costUsd: null };
    return { ...base, status: 'succeeded', result: 'pass', score: 1, output: `A says ${item}${item === 4 ? ' 100%_done' : ''}` };
  }
  if (item === 9) return { status: 'canceled' };
  return { ...base, status: 'succeeded', result: item < 3 ? 'pass' : 'fail', score: item < 3 ? 1 : 0.25, output: `B says ${item}` };
}

beforeAll(async () => {
  alice = await createTestUser();
  bob = await createTestUser();
  prompt = await createPromptFor(alice);
  main = await seedExperiment(alice, { prompt, items, cell: mainCell });
});

const get = (handler: typeof detailRoute.GET, user: TestUser, id: string, query = '') =>
  call(handler, { path: `/api/v1/experiments/${id}${query}`, params: { id }, headers: user.headers });

describe('GET /api/v1/experiments', () => {
  it('lists newest first with filters by dataset, prompt and status, and pages with a cursor', async () => {
    const user = await createTestUser();
    const p1 = await createPromptFor(user);
    const p2 = await createPromptFor(user);
    const dataset = await createDatasetRow(user);
    const t = Date.now();
    const e1 = await seedExperiment(user, { prompt: p1, datasetId: dataset.id, items: items.slice(0, 1), createdAt: new Date(t - 3000) });
    const e2 = await seedExperiment(user, { prompt: p2, items: items.slice(0, 1), status: 'running', createdAt: new Date(t - 2000) });
    const e3 = await seedExperiment(user, { prompt: p1, datasetId: dataset.id, items: items.slice(0, 1), status: 'canceled', createdAt: new Date(t - 1000) });
    const list = (query: string) => call(listRoute.GET, { path: `/api/v1/experiments${query}`, headers: user.headers });
    const ids = async (query: string) => (await list(query)).body.data.items.map((e: { id: string }) => e.id);

    expect(await ids('')).toEqual([e3, e2, e1].map((e) => e.experiment.id));
    expect(await ids(`?datasetId=${dataset.id}`)).toEqual([e3.experiment.id, e1.experiment.id]);
    expect(await ids(`?promptId=${p2.promptId}`)).toEqual([e2.experiment.id]);
    expect(await ids('?status=running')).toEqual([e2.experiment.id]);
    expect(await ids(`?promptId=not-a-uuid`)).toEqual([]);
    expect((await list('?status=bogus')).status).toBe(422);

    const first = await list('?limit=2');
    expect(first.body.data.items.map((e: { id: string }) => e.id)).toEqual([e3.experiment.id, e2.experiment.id]);
    expect(first.body.data.nextCursor).toEqual(expect.any(String));
    const second = await list(`?limit=2&cursor=${first.body.data.nextCursor}`);
    expect(second.body.data.items.map((e: { id: string }) => e.id)).toEqual([e1.experiment.id]);
    expect(second.body.data.nextCursor).toBeNull();
    const bad = await list('?cursor=garbage');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details?.fields?.[0]?.path).toBe('cursor');

    // Another workspace sees none of them.
    expect((await call(listRoute.GET, { path: '/api/v1/experiments', headers: bob.headers })).body.data.items).toEqual([]);
  });
});

describe('GET /api/v1/experiments/{id}', () => {
  it('answers the experiment with progress and a summary that leaves errors out of the pass rate', async () => {
    const res = await get(detailRoute.GET, alice, main.experiment.id);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data).toMatchObject({
      id: main.experiment.id,
      status: 'completed',
      datasetId: null,
      totalCells: 20,
      progress: { total: 20, succeeded: 17, errored: 2, canceled: 1, pending: 0 },
      stopReason: null,
    });
    expect(data.config.variants).toHaveLength(2);
    const [a, b] = data.summary;
    expect(a).toMatchObject({ variant: 0, label: 'V0', cells: 10, scored: 8, passed: 8, failed: 0, errored: 2, passRate: 1, meanScore: 1 });
    expect(b).toMatchObject({ variant: 1, cells: 10, scored: 9, passed: 3, failed: 6, errored: 0, canceled: 1 });
    expect(b.passRate).toBeCloseTo(3 / 9, 10);
    expect(b.meanScore).toBeCloseTo((3 * 1 + 6 * 0.25) / 9, 10);
    expect(a.passRateCi.low).toBeLessThan(1);
    expect(a.tokens).toEqual({ input: 80, output: 40, total: 120 });
    expect(a.costUsd).toBeCloseTo(0.008, 10);
  });

  it('never returns a webhook secret', async () => {
    const seeded = await seedExperiment(alice, {
      prompt,
      items: items.slice(0, 1),
      evaluators: [{ type: 'webhook', name: 'hook', config: { url: 'https://hooks.example/x', secretEncrypted: 'sealed-value' } }],
    });
    const res = await get(detailRoute.GET, alice, seeded.experiment.id);
    expect(res.body.data.config.evaluators[0].config).toEqual({ url: 'https://hooks.example/x', secret: '••••' });
    expect(JSON.stringify(res.body)).not.toContain('sealed-value');
  });

  it('is 404 for another workspace and for a malformed id', async () => {
    expect((await get(detailRoute.GET, bob, main.experiment.id)).body.error.code).toBe('NOT_FOUND');
    expect((await get(detailRoute.GET, alice, 'nope')).status).toBe(404);
  });
});

describe('GET /api/v1/experiments/{id}/items', () => {
  it('pages the snapshot items in position order', async () => {
    const first = await get(itemsRoute.GET, alice, main.experiment.id, '/items?limit=4');
    expect(first.status).toBe(200);
    expect(first.body.data.items.map((i: { position: number }) => i.position)).toEqual([1, 2, 3, 4]);
    expect(first.body.data.items[1]).toEqual({ itemId: main.itemIds[1], position: 2, input: { topic: 'topic 1' }, expected: { n: 1 }, metadata: {} });
    const positions: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof get>> = await get(itemsRoute.GET, alice, main.experiment.id, `/items?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      positions.push(...page.body.data.items.map((i: { position: number }) => i.position));
      cursor = page.body.data.nextCursor;
    } while (cursor);
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await get(itemsRoute.GET, alice, main.experiment.id, '/items?limit=1001')).status).toBe(422);
    expect((await get(itemsRoute.GET, bob, main.experiment.id, '/items')).status).toBe(404);
  });
});

describe('GET /api/v1/experiments/{id}/cells', () => {
  const cells = (user: TestUser, query: string) => get(cellsRoute.GET, user, main.experiment.id, `/cells${query}`);
  const keys = (res: Awaited<ReturnType<typeof cells>>) =>
    res.body.data.items.map((c: { itemId: string; variant: number }) => `${main.itemIds.indexOf(c.itemId)}:${c.variant}`);

  it('answers cells in item position, variant, repeat order with their run output, usage and errors', async () => {
    const res = await cells(alice, '?limit=4');
    expect(res.status).toBe(200);
    expect(keys(res)).toEqual(['0:0', '0:1', '1:0', '1:1']);
    expect(res.body.data.items[0]).toMatchObject({
      itemId: main.itemIds[0], variant: 0, repeat: 0, status: 'succeeded', runStatus: 'succeeded', output: 'A says 0',
      outputTruncated: false, latencyMs: 100, costUsd: 0.001, pass: true, result: 'pass', score: 1, reused: false, results: [],
      errorCode: null, usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
    });
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof cells>> = await cells(alice, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...keys(page));
      cursor = page.body.data.nextCursor;
    } while (cursor);
    expect(all).toEqual(Array.from({ length: 20 }, (_, n) => `${Math.floor(n / 2)}:${n % 2}`));
  });

  it('filters by variant, item, status, result and output text', async () => {
    expect(keys(await cells(alice, '?variant=1&limit=3'))).toEqual(['0:1', '1:1', '2:1']);
    expect(keys(await cells(alice, `?itemId=${main.itemIds[9]}`))).toEqual(['9:0', '9:1']);
    expect(keys(await cells(alice, '?status=canceled'))).toEqual(['9:1']);
    const errored = await cells(alice, '?result=error');
    expect(keys(errored)).toEqual(['8:0', '9:0']);
    expect(errored.body.data.items[0]).toMatchObject({ status: 'errored', runStatus: 'failed', result: 'error', pass: null, errorCode: 'PROVIDER_ERROR', errorMessage: 'The provider answered 500' });
    expect(keys(await cells(alice, '?result=fail&variant=1'))).toEqual(['3:1', '4:1', '5:1', '6:1', '7:1', '8:1']);
    expect(keys(await cells(alice, '?result=pass'))).toHaveLength(11);
    expect(keys(await cells(alice, '?q=b%20SAYS%207'))).toEqual(['7:1']);
    // LIKE wildcards in the search are literal.
    expect(keys(await cells(alice, '?q=100%25_'))).toEqual(['4:0']);
    expect(keys(await cells(alice, '?q=%25'))).toEqual(['4:0']);
    expect(keys(await cells(alice, '?itemId=nope'))).toEqual([]);
  });

  it('refuses bad filters and cursors with 422, and another workspace with 404', async () => {
    expect((await cells(alice, '?result=maybe')).status).toBe(422);
    expect((await cells(alice, '?variant=10')).status).toBe(422);
    expect((await cells(alice, '?limit=1001')).status).toBe(422);
    const bad = await cells(alice, `?cursor=${Buffer.from('c|99999999999|x|1|1').toString('base64url')}`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.details?.fields?.[0]?.path).toBe('cursor');
    expect((await cells(bob, '')).body.error.code).toBe('NOT_FOUND');
  });
});

describe('GET /api/v1/experiments/{id}/compare', () => {
  const compare = (user: TestUser, id: string, query: string) => get(compareRoute.GET, user, id, `/compare${query}`);

  it('pairs scored cells by item and repeat, leaving errored and canceled cells out', async () => {
    const res = await compare(alice, main.experiment.id, '?a=0&b=1');
    expect(res.status).toBe(200);
    // Items 8 and 9 make no pair (V0 errored there, V1 was canceled on 9): 8 pairs, 5 discordant for V0.
    expect(res.body.data).toMatchObject({ a: 0, b: 1, pairs: 8, mcnemar: { aOnly: 5, bOnly: 0 }, verdict: 'inconclusive' });
    expect(res.body.data.mcnemar.pValue).toBeCloseTo(0.0625, 10);
    expect(res.body.data.passRate.diff).toBeCloseTo(5 / 8, 10);
  });

  it('gives a verdict on a clear win, either way round', async () => {
    const win = await seedExperiment(alice, {
      prompt,
      items: Array.from({ length: 40 }, (_, i) => ({ input: { topic: `t${i}` } })),
      cell: (item, variant) => {
        const pass = variant === 0 || item >= 20;
        return { status: 'succeeded', result: pass ? 'pass' : 'fail', score: pass ? 1 : 0 };
      },
    });
    const ab = (await compare(alice, win.experiment.id, '?a=0&b=1')).body.data;
    expect(ab).toMatchObject({ pairs: 40, verdict: 'a_better', mcnemar: { aOnly: 20, bOnly: 0 } });
    expect(ab.mcnemar.pValue).toBeLessThan(0.001);
    expect(ab.reason).toContain('V0');
    expect((await compare(alice, win.experiment.id, '?a=1&b=0')).body.data.verdict).toBe('b_better');
  });

  it('refuses the same variant twice or one out of range with 422, and another workspace with 404', async () => {
    const same = await compare(alice, main.experiment.id, '?a=1&b=1');
    expect(same.status).toBe(422);
    expect(same.body.error.details?.fields?.[0]?.path).toBe('b');
    const out = await compare(alice, main.experiment.id, '?a=0&b=5');
    expect(out.status).toBe(422);
    expect(out.body.error.message).toContain('0 to 1');
    expect((await compare(alice, main.experiment.id, '?a=0')).status).toBe(422);
    expect((await compare(bob, main.experiment.id, '?a=0&b=1')).status).toBe(404);
  });
});

describe('GET /api/v1/runs with experiments', () => {
  it('leaves experiment runs out of the history by default and lists them with ?experimentId=', async () => {
    const { run } = await insertRun({
      workspaceId: alice.workspace.id, promptId: prompt.promptId, promptVersionId: prompt.versionId, versionNumber: 1,
      provider: 'openai', model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'plain run' }],
    });
    const list = (user: TestUser, query: string) => call(runsRoute.GET, { path: `/api/v1/runs${query}`, headers: user.headers });
    const history = (await list(alice, '?limit=100')).body.data.items;
    expect(history.map((r: { id: string }) => r.id)).toEqual([run.id]);
    const cellsRuns = await list(alice, `?experimentId=${main.experiment.id}&limit=100`);
    expect(cellsRuns.status).toBe(200);
    expect(cellsRuns.body.data.items).toHaveLength(20);
    expect(cellsRuns.body.data.items.every((r: { experimentId: string }) => r.experimentId === main.experiment.id)).toBe(true);
    expect((await list(alice, `?experimentId=${main.experiment.id}&status=failed`)).body.data.items).toHaveLength(2);
    expect((await list(bob, `?experimentId=${main.experiment.id}`)).body.data.items).toEqual([]);
    expect((await list(alice, '?experimentId=nope')).body.data.items).toEqual([]);
  });
});
