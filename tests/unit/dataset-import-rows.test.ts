import { describe, expect, it } from 'vitest';
import { defaultTarget, formatTarget, inputColumn, mapColumns, parseTarget } from '@/lib/datasets/columns';
import { formatFromContentType, importRows } from '@/lib/datasets/import-rows';
import { MAX_ITEM_BYTES } from '@/lib/datasets/schemas';

describe('CSV import', () => {
  it('reads quoted fields with commas, quotes and line breaks, a BOM and CRLF line ends', () => {
    const csv = '\uFEFFtopic,tone\r\n"tides, and moons","say ""hi"""\r\n"two\r\nlines",calm\r\n';
    const result = importRows(csv, 'csv');
    expect(result.errors).toEqual([]);
    expect(result.headers).toEqual(['topic', 'tone']);
    expect(result.items).toEqual([
      { input: { topic: 'tides, and moons', tone: 'say "hi"' } },
      { input: { topic: 'two\r\nlines', tone: 'calm' } },
    ]);
  });

  it('recognises expected, __expected and metadata.* columns; JSON objects in expected are parsed', () => {
    const csv = ['topic,expected,metadata.source,metadata.n', 'a,plain text,web,1', 'b,"{""k"": [1, 2]}",,2', 'c,,x,'].join('\n');
    const { items, errors } = importRows(csv, 'csv');
    expect(errors).toEqual([]);
    expect(items).toEqual([
      { input: { topic: 'a' }, expected: 'plain text', metadata: { source: 'web', n: '1' } },
      { input: { topic: 'b' }, expected: { k: [1, 2] }, metadata: { n: '2' } },
      { input: { topic: 'c' }, metadata: { source: 'x' } },
    ]);
    expect(importRows('q,__expected\nx,"[1,"', 'csv').items).toEqual([{ input: { q: 'x' }, expected: '[1,' }]);
  });

  it('applies mapping overrides: rename, expected, metadata and ignore', () => {
    const csv = 'question,answer,notes,junk\nwhy?,because,n1,zzz\n';
    const result = importRows(csv, 'csv', {
      overrides: { question: { kind: 'input', name: 'topic' }, answer: { kind: 'expected' }, notes: { kind: 'metadata', key: 'note' }, junk: { kind: 'ignore' } },
    });
    expect(result.errors).toEqual([]);
    expect(result.items).toEqual([{ input: { topic: 'why?' }, expected: 'because', metadata: { note: 'n1' } }]);
  });

  it('names the row and column of a bad cell, and imports nothing', () => {
    const csv = 'topic,tone\nok,fine\nbad\u0000,fine\n';
    const result = importRows(csv, 'csv');
    expect(result.items).toEqual([]);
    expect(result.errors).toEqual([
      { row: 2, column: 'topic', path: 'rows.2.topic', message: expect.stringMatching(/^row 2, column `topic`: contains a NUL/) },
    ]);
  });

  it('refuses a row with a different number of fields, naming it', () => {
    const result = importRows('a,b\n1,2\n3\n4,5,6\n7,8,\n', 'csv');
    expect(result.errors.map((e) => e.path)).toEqual(['rows.2', 'rows.3']);
    expect(result.errors[0]!.message).toMatch(/^row 2: has 1 fields but the header has 2/);
  });

  it('refuses duplicate and empty headers and two columns mapped to one variable (row 0)', () => {
    expect(importRows('a,a\n1,2\n', 'csv').errors[0]).toMatchObject({ row: 0, path: 'rows.0.a', message: expect.stringContaining('appears twice') });
    expect(importRows('a,\n1,2\n', 'csv').errors[0]).toMatchObject({ row: 0, message: expect.stringContaining('column 2 has no name') });
    const clash = importRows('x,y\n1,2\n', 'csv', { overrides: { y: { kind: 'input', name: 'x' } } });
    expect(clash.errors).toEqual([expect.objectContaining({ path: 'rows.0.y', message: expect.stringContaining('as column `x` does') })]);
    const unknown = importRows('x\n1\n', 'csv', { overrides: { nope: { kind: 'ignore' } } });
    expect(unknown.errors).toEqual([expect.objectContaining({ path: 'map.nope' })]);
  });

  it('reports an unterminated quote', () => {
    const result = importRows('a,b\n1,"open\n', 'csv');
    expect(result.items).toEqual([]);
    expect(result.errors[0]!.message).toMatch(/^row 1: .*quote/i);
  });

  it('caps rows and columns', () => {
    const rows = ['t', ...Array.from({ length: 6 }, (_, i) => `v${i}`)].join('\n');
    expect(importRows(rows, 'csv', { maxRows: 6 }).errors).toEqual([]);
    const over = importRows(rows, 'csv', { maxRows: 5 });
    expect(over.errors).toEqual([expect.objectContaining({ row: 6, message: expect.stringContaining('more than 5 rows') })]);
    const wide = Array.from({ length: 201 }, (_, i) => `c${i}`).join(',');
    expect(importRows(`${wide}\n${'x,'.repeat(200)}x\n`, 'csv').errors[0]!.message).toContain('201 columns; at most 200');
  });

  it('refuses an item over the size limit, naming its row', () => {
    const big = 'x'.repeat(MAX_ITEM_BYTES);
    const result = importRows(`topic\nsmall\n${big}\n`, 'csv');
    expect(result.errors).toEqual([expect.objectContaining({ row: 2, path: 'rows.2', message: expect.stringContaining('at most 256 KB') })]);
  });

  it('says so when the file has no rows', () => {
    expect(importRows('topic\n', 'csv').errors[0]!.message).toContain('no rows');
  });
});

describe('JSONL and JSON import', () => {
  it('skips blank lines and numbers rows by line', () => {
    const jsonl = '{"input":{"topic":"a"},"expected":{"n":1}}\n\n   \n{"topic":"b","expected":"B","metadata.k":true}\r\nnot json\n[1]\n';
    const result = importRows(jsonl, 'jsonl');
    expect(result.items).toEqual([]);
    expect(result.errors.map((e) => e.path)).toEqual(['rows.5', 'rows.6']);
    expect(result.errors[0]!.message).toMatch(/^row 5: is not valid JSON/);
    const good = importRows(jsonl.split('\n').slice(0, 4).join('\n'), 'jsonl');
    expect(good.errors).toEqual([]);
    expect(good.items).toEqual([
      { input: { topic: 'a' }, expected: { n: 1 } },
      { input: { topic: 'b' }, expected: 'B', metadata: { k: true } },
    ]);
  });

  it('keeps JSON values as they are, and item rows round-trip a variable named like a reserved column', () => {
    const json = JSON.stringify([
      { input: { topic: 'a', count: 3, expected: 'var' }, metadata: { tags: ['x'] } },
      { topic: 'b', count: 4, expected: null },
    ]);
    const result = importRows(json, 'json');
    expect(result.errors).toEqual([]);
    expect(result.headers).toEqual(['topic', 'count', 'input.expected', 'metadata.tags', 'expected']);
    expect(result.items).toEqual([
      { input: { topic: 'a', count: 3, expected: 'var' }, metadata: { tags: ['x'] } },
      { input: { topic: 'b', count: 4 }, expected: null },
    ]);
  });

  it('refuses a JSON file that is not an array, and rows that are not objects', () => {
    expect(importRows('{"a":1}', 'json').errors[0]!.message).toContain('must be an array');
    expect(importRows('[1, {"a": 1}]', 'json').errors).toEqual([expect.objectContaining({ path: 'rows.1' })]);
    expect(importRows('[', 'json').errors[0]!.message).toContain('not valid JSON');
  });

  it('refuses values nested too deep, naming the column', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = [deep];
    const result = importRows(JSON.stringify([{ topic: deep }]), 'json');
    expect(result.errors[0]).toMatchObject({ row: 1, column: expect.stringMatching(/^topic/), message: expect.stringContaining('deeper than 32') });
  });

  it('caps JSON rows too', () => {
    expect(importRows(JSON.stringify([{ a: 1 }, { a: 2 }, { a: 3 }]), 'json', { maxRows: 2 }).errors[0]!.message).toContain('more than 2 rows');
    expect(importRows('{"a":1}\n{"a":2}\n{"a":3}\n', 'jsonl', { maxRows: 2 }).errors[0]).toMatchObject({ row: 3 });
  });
});

describe('column helpers', () => {
  it('maps defaults, parses and formats targets', () => {
    expect(defaultTarget('topic')).toEqual({ kind: 'input', name: 'topic' });
    expect(defaultTarget('__expected')).toEqual({ kind: 'expected' });
    expect(defaultTarget('metadata.a.b')).toEqual({ kind: 'metadata', key: 'a.b' });
    expect(defaultTarget('input.expected')).toEqual({ kind: 'input', name: 'expected' });
    expect(inputColumn('expected')).toBe('input.expected');
    expect(inputColumn('topic')).toBe('topic');
    for (const spec of ['input.x', 'expected', 'metadata.k', 'ignore']) expect(formatTarget(parseTarget(spec)!)).toBe(spec);
    expect(parseTarget('output')).toBeNull();
    expect(parseTarget('input.')).toBeNull();
    expect(mapColumns(['a', 'expected']).errors).toEqual([]);
  });

  it('reads formats from Content-Type', () => {
    expect(formatFromContentType('text/csv; charset=utf-8')).toBe('csv');
    expect(formatFromContentType('application/x-ndjson')).toBe('jsonl');
    expect(formatFromContentType('application/jsonl')).toBe('jsonl');
    expect(formatFromContentType('application/json')).toBe('json');
    expect(formatFromContentType('text/plain')).toBeNull();
    expect(formatFromContentType(null)).toBeNull();
  });
});
