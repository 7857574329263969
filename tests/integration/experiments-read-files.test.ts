import Papa from 'papaparse';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as streamRoute from '@/app/api/v1/experiments/[id]/stream/route';
import * as exportRoute from '@/app/api/v1/experiments/[id]/export/route';
import * as detailRoute from '@/app/api/v1/experiments/[id]/route';
import { getDb } from '@/db/client';
import { experiments } from '@/db/schema';
import { openProgressStream } from '@/lib/experiments/progress-stream';
import { BASE, call, createTestUser, type TestUser } from './helpers';
import { createPromptFor, seedExperiment } from './experiments-read-fixture';

let alice: TestUser;
let bob: TestUser;
let prompt: Awaited<ReturnType<typeof createPromptFor>>;

beforeAll(async () => {
  alice = await createTestUser();
  bob = await createTestUser();
  prompt = await createPromptFor(alice);
});

/** Reads SSE messages off a response body as they arrive. */
function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(timeoutMs = 5000): Promise<{ event: string; data: any } | null> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) continue;
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
          return { event, data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') };
        }
        if (Date.now() > deadline) throw new Error('no SSE message in time');
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

const openStream = (user: TestUser, id: string, signal?: AbortSignal) =>
  streamRoute.GET(new Request(`${BASE}/api/v1/experiments/${id}/stream`, { headers: user.headers, signal }), { params: Promise.resolve({ id }) });

describe('GET /api/v1/experiments/{id}/stream', () => {
  it('sends progress as cells finish, then done, then ends', async () => {
    const seeded = await seedExperiment(alice, { prompt, status: 'running', items: [{ input: { topic: 'a' } }, { input: { topic: 'b' } }] });
    const id = seeded.experiment.id;
    const res = await openStream(alice, id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const sse = sseReader(res);
    const first = await sse.next();
    expect(first).toMatchObject({ event: 'progress', data: { type: 'progress', status: 'running', progress: { total: 4, succeeded: 0, pending: 4 }, etaSeconds: null } });

    const db = await getDb();
    await db.update(experiments).set({ succeededCells: 3, costUsd: 0.25 }).where(eq(experiments.id, id));
    const second = await sse.next();
    expect(second).toMatchObject({ event: 'progress', data: { progress: { succeeded: 3, pending: 1 }, costUsd: 0.25 } });
    expect(second!.data.etaSeconds).toEqual(expect.any(Number));

    await db.update(experiments).set({ succeededCells: 3, erroredCells: 1, status: 'completed', finishedAt: new Date() }).where(eq(experiments.id, id));
    const done = await sse.next();
    expect(done).toMatchObject({ event: 'done', data: { type: 'done', status: 'completed', progress: { errored: 1, pending: 0 }, etaSeconds: 0 } });
    expect(await sse.next()).toBeNull();
  });

  it('answers done at once for a finished experiment, and stops when the client goes away', async () => {
    const finished = await seedExperiment(alice, { prompt, status: 'canceled', items: [{ input: { topic: 'a' } }], cell: () => ({ status: 'canceled' }) });
    const sse = sseReader(await openStream(alice, finished.experiment.id));
    expect(await sse.next()).toMatchObject({ event: 'done', data: { status: 'canceled', progress: { canceled: 2 } } });
    expect(await sse.next()).toBeNull();

    const running = await seedExperiment(alice, { prompt, status: 'running', items: [{ input: { topic: 'a' } }] });
    const abort = new AbortController();
    const live = sseReader(await openStream(alice, running.experiment.id, abort.signal));
    expect((await live.next())?.event).toBe('progress');
    abort.abort();
    const started = Date.now();
    expect(await live.next(2000)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('keeps a quiet connection alive with comments and ends at its time limit', async () => {
    const seeded = await seedExperiment(alice, { prompt, status: 'running', items: [{ input: { topic: 'a' } }] });
    const stream = await openProgressStream({
      id: seeded.experiment.id, workspaceId: alice.workspace.id, signal: new AbortController().signal, timing: { pollMs: 20, heartbeatMs: 100, maxMs: 450 },
    });
    const started = Date.now();
    const text = await new Response(stream).text();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(text.match(/^event: progress$/gm)).toHaveLength(1);
    expect(text.match(/^: keep-alive$/gm)?.length).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('event: done');
  });

  it('is 404 before any stream opens for another workspace', async () => {
    const seeded = await seedExperiment(alice, { prompt, status: 'running', items: [{ input: { topic: 'a' } }] });
    const res = await openStream(bob, seeded.experiment.id);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
  });
});

describe('GET /api/v1/experiments/{id}/export', () => {
  let seeded: Awaited<ReturnType<typeof seedExperiment>>;
  // 600 items × 2 variants: more than one page (1,000 cells) of the export's reads.
  beforeAll(async () => {
    seeded = await seedExperiment(alice, {
      prompt,
      items: Array.from({ length: 600 }, (_, i) => ({ input: { topic: `t${i}`, n: i }, expected: i === 0 ? { ok: true } : `e${i}` })),
      evaluators: [{ type: 'contains', name: 'has x', config: { value: 'x' } }, { type: 'llm-judge', name: 'judge', config: { rubric: 'r' } }],
      cell: (item, variant) =>
        item === 1 && variant === 1
          ? { status: 'errored' }
          : {
              status: 'succeeded', result: 'pass', score: 0.5, latencyMs: 120, costUsd: 0.002,
              output: item === 0 ? '=HYPERLINK("http://evil")' : `out ${item},${variant}`,
              results: [
                { evaluator: 'has x', type: 'contains', status: 'pass', pass: true, score: 1, reason: 'found', weight: 1 },
                { evaluator: 'judge', type: 'llm-judge', status: 'error', pass: null, score: null, reason: 'timed out', weight: 1 },
              ],
            },
    });
  });
  const download = (user: TestUser, query: string) =>
    exportRoute.GET(new Request(`${BASE}/api/v1/experiments/${seeded.experiment.id}/export${query}`, { headers: user.headers }), {
      params: Promise.resolve({ id: seeded.experiment.id }),
    });

  it('exports one CSV row per cell in grid order, with the declared inputs, evaluator columns and formulas defused', async () => {
    const res = await download(alice, '?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="exp-[\\w-]+-${seeded.experiment.id.slice(0, 8)}\\.csv"$`));
    const parsed = Papa.parse<Record<string, string>>(await res.text(), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([
      // `n` is in the items but no variant's prompt declares it: only the JSON export has it.
      'position', 'itemId', 'input.topic', 'expected', 'variant', 'label', 'repeat', 'status', 'result', 'score', 'output', 'latencyMs', 'costUsd', 'has x', 'judge',
    ]);
    expect(parsed.data).toHaveLength(1200);
    expect(parsed.data[0]).toMatchObject({ position: '1', itemId: seeded.itemIds[0], 'input.topic': 't0', expected: '{"ok":true}', variant: '0', label: 'V0', output: `'=HYPERLINK("http://evil")`, 'has x': 'pass', judge: 'error' });
    expect(parsed.data[3]).toMatchObject({ position: '2', variant: '1', status: 'errored', result: 'error', output: '', 'has x': '' });
    expect(parsed.data[1199]).toMatchObject({ position: '600', variant: '1', output: 'out 599,1', latencyMs: '120', costUsd: '0.002', score: '0.5' });
  });

  it('exports JSON with the detail, every item and every cell', async () => {
    const res = await download(alice, '?format=json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.json"');
    const body = JSON.parse(await res.text());
    expect(body.experiment).toMatchObject({ id: seeded.experiment.id, totalCells: 1200 });
    expect(body.experiment.summary).toHaveLength(2);
    expect(body.items).toHaveLength(600);
    expect(body.items[599]).toMatchObject({ position: 600, input: { topic: 't599', n: 599 } });
    expect(body.cells).toHaveLength(1200);
    expect(new Set(body.cells.map((c: { id: string }) => c.id)).size).toBe(1200);
    expect(body.cells[3]).toMatchObject({ status: 'errored', result: 'error' });
  });

  it('keeps an evaluator named like a fixed column apart, and writes the header of an experiment without cells', async () => {
    const named = await seedExperiment(alice, {
      prompt,
      items: [{ input: { topic: 'a' } }],
      variants: 1,
      evaluators: [{ type: 'contains', name: 'output', config: { value: 'x' } }],
      cell: () => ({ status: 'succeeded', result: 'fail', score: 0, output: 'y', results: [{ evaluator: 'output', type: 'contains', status: 'fail', pass: false, score: 0, reason: 'no x', weight: 1 }] }),
    });
    const id = named.experiment.id;
    const res = await exportRoute.GET(new Request(`${BASE}/api/v1/experiments/${id}/export?format=csv`, { headers: alice.headers }), { params: Promise.resolve({ id }) });
    const parsed = Papa.parse<Record<string, string>>(await res.text(), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields?.slice(-2)).toEqual(['costUsd', 'evaluator.output']);
    expect(parsed.data[0]).toMatchObject({ output: 'y', 'evaluator.output': 'fail' });

    const empty = await seedExperiment(alice, { prompt, items: [] });
    const none = await exportRoute.GET(new Request(`${BASE}/api/v1/experiments/${empty.experiment.id}/export?format=csv`, { headers: alice.headers }), {
      params: Promise.resolve({ id: empty.experiment.id }),
    });
    expect(await none.text()).toBe('position,itemId,input.topic,expected,variant,label,repeat,status,result,score,output,latencyMs,costUsd,contains\r\n');
  });

  it('refuses an unknown format and another workspace', async () => {
    expect((await download(alice, '?format=xml')).status).toBe(422);
    expect((await download(bob, '?format=csv')).status).toBe(404);
  });
});

describe('summary speed', () => {
  it('summarises 10,000 cells quickly', async () => {
    const big = await seedExperiment(alice, {
      prompt,
      variants: 2,
      items: Array.from({ length: 5000 }, (_, i) => ({ input: { topic: `t${i}` } })),
      cell: (item, variant) => ({ status: 'succeeded', result: (item + variant) % 3 ? 'pass' : 'fail', score: ((item * 7 + variant) % 10) / 10, latencyMs: 100 + (item % 50), costUsd: 0.0001, tokens: [20, 10] }),
    });
    const started = performance.now();
    const res = await call(detailRoute.GET, { params: { id: big.experiment.id }, headers: alice.headers });
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.data.summary[0].scored).toBe(5000);
    console.log(`[experiments-read] detail over 10,000 cells: ${elapsed.toFixed(0)} ms`);
    // Generous for a loaded CI machine; the figure is printed above.
    expect(elapsed).toBeLessThan(3000);
  }, 120_000);
});
