import { beforeAll, describe, expect, it } from 'vitest';
import * as datasetsRoute from '@/app/api/v1/datasets/route';
import * as datasetRoute from '@/app/api/v1/datasets/[id]/route';
import * as itemsRoute from '@/app/api/v1/datasets/[id]/items/route';
import * as importRoute from '@/app/api/v1/datasets/[id]/import/route';
import * as exportRoute from '@/app/api/v1/datasets/[id]/export/route';
import { MAX_DATASET_BODY_BYTES, MAX_DATASET_COLUMNS } from '@/lib/datasets/schemas';
import { BASE, call, createTestUser, type TestUser } from './helpers';

let alice: TestUser;

beforeAll(async () => {
  alice = await createTestUser();
});

let names = 0;
async function newDataset(items?: unknown[]) {
  const res = await call(datasetsRoute.POST, { method: 'POST', body: { name: `Import ${++names}`, items }, headers: alice.headers });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}

const importFile = (id: string, body: string, contentType: string, query = '') =>
  call(importRoute.POST, { method: 'POST', path: `/api/v1/datasets/${id}/import${query}`, params: { id }, rawBody: body, headers: { ...alice.headers, 'content-type': contentType } });

async function exportFile(id: string, format: 'csv' | 'jsonl') {
  const res = await exportRoute.GET(new Request(`${BASE}/api/v1/datasets/${id}/export?format=${format}`, { headers: alice.headers }), { params: Promise.resolve({ id }) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const allItems = async (id: string) => (await call(itemsRoute.GET, { path: `/api/v1/datasets/${id}/items?limit=1000`, params: { id }, headers: alice.headers })).body.data.items;
const contentOf = (items: { input: unknown; expected: unknown; metadata: unknown }[]) => items.map(({ input, expected, metadata }) => ({ input, expected, metadata }));
const itemCount = async (id: string) => (await call(datasetRoute.GET, { params: { id }, headers: alice.headers })).body.data.itemCount as number;

const sample = [
  { input: { topic: 'tides, "spring" and neap', tone: 'calm' }, expected: 'Twice a day', metadata: { source: 'book' } },
  { input: { topic: 'line\nbreaks', tone: 'ünïcödé ✓' }, expected: { facts: ['a', 'b'] }, metadata: {} },
  { input: { topic: 'no expected', tone: '' }, expected: null, metadata: { source: 'web' } },
];

describe('import', () => {
  it('imports a CSV with expected and metadata columns and answers the dataset', async () => {
    const id = await newDataset();
    const csv = 'topic,tone,expected,metadata.source\r\n"tides, and more",calm,"{""k"":1}",web\r\nmoons,,Phobos,\r\n';
    const res = await importFile(id, csv, 'text/csv; charset=utf-8');
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ count: 2, dataset: { id, itemCount: 2, variables: ['tone', 'topic'] } });
    expect(contentOf(await allItems(id))).toEqual([
      { input: { topic: 'tides, and more', tone: 'calm' }, expected: { k: 1 }, metadata: { source: 'web' } },
      { input: { topic: 'moons', tone: '' }, expected: 'Phobos', metadata: {} },
    ]);
  });

  it('applies map.* overrides from the query', async () => {
    const id = await newDataset();
    const res = await importFile(id, 'question,answer,junk\nwhy,because,x\n', 'text/csv', '?map.question=input.topic&map.answer=expected&map.junk=ignore');
    expect(res.status).toBe(201);
    expect(contentOf(await allItems(id))).toEqual([{ input: { topic: 'why' }, expected: 'because', metadata: {} }]);
    const bad = await importFile(id, 'a\n1\n', 'text/csv', '?map.a=output');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details!.fields![0]!.path).toBe('map.a');
    expect((await importFile(id, 'a\n1\n', 'text/csv', '?mode=merge')).status).toBe(422);
    expect((await importFile(id, 'a\n1\n', 'text/csv', '?map.zzz=ignore')).body.error.details!.fields![0]!.path).toBe('map.zzz');
  });

  it('appends after existing items, or replaces them with mode=replace', async () => {
    const id = await newDataset([{ input: { topic: 'old' } }]);
    expect((await importFile(id, 'topic\nnew1\n', 'text/csv')).body.data.count).toBe(1);
    expect((await allItems(id)).map((i: { position: number; input: { topic: string } }) => [i.position, i.input.topic])).toEqual([[1, 'old'], [2, 'new1']]);
    const replaced = await importFile(id, '{"input":{"q":"a"}}\n{"q":"b"}\n', 'application/x-ndjson', '?mode=replace');
    expect(replaced.status).toBe(201);
    expect(replaced.body.data.dataset).toMatchObject({ itemCount: 2, variables: ['q'] });
    expect((await allItems(id)).map((i: { position: number; input: unknown }) => [i.position, i.input])).toEqual([[1, { q: 'a' }], [2, { q: 'b' }]]);
  });

  it('imports a JSON array of items and flat objects', async () => {
    const id = await newDataset();
    const res = await importFile(id, JSON.stringify([{ input: { n: 1 }, expected: [1] }, { n: 2, 'metadata.tag': 'x' }]), 'application/json');
    expect(res.status).toBe(201);
    expect(contentOf(await allItems(id))).toEqual([
      { input: { n: 1 }, expected: [1], metadata: {} },
      { input: { n: 2 }, expected: null, metadata: { tag: 'x' } },
    ]);
  });

  it('answers 422 naming row and column for a bad file, and imports nothing', async () => {
    const id = await newDataset([{ input: { topic: 'keep' } }]);
    const csv = ['topic,tone', ...Array.from({ length: 11 }, (_, i) => `t${i},ok`), 'bad\u0000,ok', 'short'].join('\n');
    const res = await importFile(id, csv, 'text/csv');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.message).toMatch(/^row 13: has 1 fields/);
    expect(res.body.error.message).toContain('nothing was imported');
    expect(res.body.error.details!.fields).toEqual([{ path: 'rows.13', message: expect.stringContaining('row 13') }]);
    const cell = await importFile(id, csv.split('\n').slice(0, -1).join('\n'), 'text/csv');
    expect(cell.body.error.details!.fields).toEqual([{ path: 'rows.12.topic', message: expect.stringMatching(/^row 12, column `topic`: contains a NUL/) }]);
    const jsonl = await importFile(id, '{"a":1}\n\n{oops}\n', 'application/x-ndjson');
    expect(jsonl.status).toBe(422);
    expect(jsonl.body.error.details!.fields![0]!.path).toBe('rows.3');
    expect((await importFile(id, '', 'text/csv')).status).toBe(422);
    expect((await importFile(id, 'a\n1\n', 'text/plain')).body.error.message).toContain('text/csv, application/x-ndjson');
    expect(await itemCount(id)).toBe(1);
  });

  it('refuses a file that would overfill the dataset, importing nothing', async () => {
    const id = await newDataset(Array.from({ length: 9_999 }, () => ({ input: { a: 'x' } })));
    const res = await importFile(id, 'a\n1\n2\n', 'text/csv');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('so 1 more fit, not 2');
    expect(await itemCount(id)).toBe(9_999);
    // Replacing makes room.
    expect((await importFile(id, 'a\n1\n2\n', 'text/csv', '?mode=replace')).body.data.dataset.itemCount).toBe(2);
  });

  it('answers 413 over 20 MB, whether declared or streamed', async () => {
    const id = await newDataset();
    const big = `topic\n${'x'.repeat(1000)}\n`.repeat(Math.ceil(MAX_DATASET_BODY_BYTES / 1000) + 10);
    const res = await importFile(id, big, 'text/csv');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 21; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024 * 1024)));
        controller.close();
      },
    });
    const req = new Request(`${BASE}/api/v1/datasets/${id}/import`, { method: 'POST', body: stream, headers: { ...alice.headers, 'content-type': 'text/csv' }, duplex: 'half' } as RequestInit);
    expect((await importRoute.POST(req, { params: Promise.resolve({ id }) })).status).toBe(413);
    expect(await itemCount(id)).toBe(0);
  });
});

describe('export', () => {
  it('round-trips JSONL exactly', async () => {
    const id = await newDataset(sample);
    const file = await exportFile(id, 'jsonl');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/x-ndjson');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="Import-\d+\.jsonl"/);
    expect(file.text.trim().split('\n')).toHaveLength(3);
    const copy = await newDataset();
    expect((await importFile(copy, file.text, 'application/x-ndjson')).status).toBe(201);
    expect(contentOf(await allItems(copy))).toEqual(contentOf(await allItems(id)));
  });

  it('round-trips CSV: variables, expected (text or JSON) and metadata columns', async () => {
    const id = await newDataset(sample);
    const file = await exportFile(id, 'csv');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    expect(file.text.split('\r\n')[0]).toBe('tone,topic,expected,metadata.source');
    const copy = await newDataset();
    const res = await importFile(copy, file.text, 'text/csv');
    expect(res.status).toBe(201);
    // Text survives as text; an absent metadata value stays absent.
    expect(contentOf(await allItems(copy))).toEqual(sample.map((s) => ({ ...s, metadata: s.metadata })));
  });

  it('round-trips CSV expected values of any JSON type, and text that looks like JSON stays text', async () => {
    const expected = [42, -1.5, true, false, [1, 2], { k: 'v' }, '42', 'true', 'null', '{"k":1}', '"quoted"', '', 'plain'];
    const id = await newDataset(expected.map((e, i) => ({ input: { n: String(i) }, expected: e })));
    const file = await exportFile(id, 'csv');
    expect(file.text.split('\r\n').slice(1, 4)).toEqual(['0,42', '1,-1.5', '2,true']);
    const copy = await newDataset();
    expect((await importFile(copy, file.text, 'text/csv')).status).toBe(201);
    expect((await allItems(copy)).map((item: { expected: unknown }) => item.expected)).toEqual(expected);
  });

  it('exports more than a page, in position order', async () => {
    const id = await newDataset(Array.from({ length: 1_234 }, (_, i) => ({ input: { n: String(i) } })));
    const file = await exportFile(id, 'csv');
    const lines = file.text.trim().split('\r\n');
    expect(lines).toHaveLength(1_235);
    expect(lines[0]).toBe('n,expected');
    expect(lines.slice(1, 3)).toEqual(['0,', '1,']);
    expect(lines.at(-1)).toBe('1233,');
    expect((await exportFile(id, 'xml' as never)).status).toBe(422);
  });

  it('writes a variable named like a reserved column as input.<name>, and reads it back', async () => {
    const id = await newDataset([{ input: { expected: 'as a variable', q: '1' }, expected: 'real' }]);
    const file = await exportFile(id, 'csv');
    expect(file.text.split('\r\n')[0]).toBe('input.expected,q,expected');
    const copy = await newDataset();
    await importFile(copy, file.text, 'text/csv');
    expect(contentOf(await allItems(copy))).toEqual([{ input: { expected: 'as a variable', q: '1' }, expected: 'real', metadata: {} }]);
  });

  it('refuses a CSV export that import would refuse, instead of dropping columns', async () => {
    const keys = (prefix: string, from: number, n: number) => Object.fromEntries(Array.from({ length: n }, (_, k) => [`${prefix}${String(from + k).padStart(3, '0')}`, 'x']));
    const refusal = async (id: string) => {
      const file = await exportFile(id, 'csv');
      expect(file.status).toBe(422);
      const body = JSON.parse(file.text);
      expect(body.error.code).toBe('INVALID_INPUT');
      expect(body.error.details.fields).toEqual([{ path: 'format', message: 'this dataset does not fit in a CSV file: use jsonl' }]);
      expect((await exportFile(id, 'jsonl')).status).toBe(200);
      return body.error.message as string;
    };
    // 100 variables + expected + 99 metadata keys = MAX_DATASET_COLUMNS: exported whole and imported back whole.
    const fits = await newDataset([{ input: keys('v', 0, 100), metadata: keys('m', 0, 50) }, { input: keys('v', 0, 100), expected: 'e', metadata: keys('m', 50, 49) }]);
    const file = await exportFile(fits, 'csv');
    expect(file.status).toBe(200);
    expect(file.text.split('\r\n')[0]!.split(',')).toHaveLength(MAX_DATASET_COLUMNS);
    const copy = await newDataset();
    expect((await importFile(copy, file.text, 'text/csv')).status).toBe(201);
    expect(contentOf(await allItems(copy))).toEqual(contentOf(await allItems(fits)));

    // One more metadata key: 201 columns.
    const wide = await newDataset([{ input: keys('v', 0, 100), metadata: keys('m', 0, 50) }, { input: keys('v', 0, 100), expected: 'e', metadata: keys('m', 50, 50) }]);
    expect(await refusal(wide)).toBe(
      'This dataset cannot be exported as CSV: it needs 201 columns (100 input variables, expected and 100 metadata keys), but a CSV file holds at most 200. Export it as JSONL (format=jsonl)',
    );
    // 101 variables over two items: every CSV row would carry all 101, more than an item takes.
    const spread = await newDataset([{ input: keys('v', 0, 100) }, { input: keys('v', 100, 1) }]);
    expect(await refusal(spread)).toBe(
      'This dataset cannot be exported as CSV: its items use 101 input variables, and every row of a CSV file carries all of them, but an item takes at most 100. Export it as JSONL (format=jsonl)',
    );
    // 1,200 keys, past the key listing's old cut at 1,000: still refused, never truncated.
    const many = await newDataset(Array.from({ length: 12 }, (_, i) => ({ input: keys('v', i * 100, 100) })));
    expect(await refusal(many)).toContain('its items use 200 or more input variables');
  });
});
