import { describe, expect, it } from 'vitest';
import { checkMapping, detectFormat, readImportFile } from '@/components/datasets/import-file';
import { blankNames, defaultTargets, inputCount, mappingParams, renamed, withKind } from '@/components/datasets/import-mapping';

const CSV = ['topic,tone,expected,metadata.source,notes', 'tides,calm,Waves,web,x', '"moons, and stars",warm,"{""k"":1}",,y'].join('\n');

describe('import file preview', () => {
  it('detects the format by name, then by content', () => {
    expect(detectFormat('a.csv', '[')).toBe('csv');
    expect(detectFormat('a.JSONL', '')).toBe('jsonl');
    expect(detectFormat('a.json', '')).toBe('json');
    expect(detectFormat('paste', '\uFEFF [{"a":1}]')).toBe('json');
    expect(detectFormat('paste', '{"a":1}\n')).toBe('jsonl');
    expect(detectFormat('paste', 'a,b\n1,2')).toBe('csv');
  });

  it('reads CSV columns and preview rows as text, with the content type to upload with', () => {
    const file = readImportFile('cases.csv', CSV);
    expect(file.contentType).toBe('text/csv');
    expect(file.headers).toEqual(['topic', 'tone', 'expected', 'metadata.source', 'notes']);
    expect(file.preview[1]).toEqual({ topic: 'moons, and stars', tone: 'warm', expected: '{"k":1}', 'metadata.source': '', notes: 'y' });
  });

  it('flattens item rows of JSONL into columns the mapping table shows', () => {
    const file = readImportFile('x.jsonl', '{"input":{"q":"a"},"expected":"b","metadata":{"src":"s"}}\n\n{"input":{"q":"c"}}\n');
    expect(file.contentType).toBe('application/x-ndjson');
    expect(file.headers).toEqual(['q', 'expected', 'metadata.src']);
    expect(file.preview).toEqual([{ q: 'a', expected: 'b', 'metadata.src': 's' }, { q: 'c', expected: '', 'metadata.src': '' }]);
  });
});

describe('column mapping', () => {
  const file = readImportFile('cases.csv', CSV);

  it('sends only the columns that differ from the default', () => {
    const targets = defaultTargets(file.headers);
    expect(mappingParams(file.headers, targets)).toEqual({});
    targets.tone = renamed(targets.tone!, 'mood');
    targets.notes = withKind('notes', 'ignore');
    targets['metadata.source'] = withKind('metadata.source', 'input');
    expect(mappingParams(file.headers, targets)).toEqual({ tone: 'input.mood', notes: 'ignore', 'metadata.source': 'input.source' });
  });

  it('names a metadata or input target after the column without its prefix', () => {
    expect(withKind('metadata.source', 'metadata')).toEqual({ kind: 'metadata', key: 'source' });
    expect(withKind('topic', 'metadata')).toEqual({ kind: 'metadata', key: 'topic' });
    expect(withKind('topic', 'expected')).toEqual({ kind: 'expected' });
  });

  it('checks rows with the server rules: a clean file counts its items, a clash is said beside the column', () => {
    const targets = defaultTargets(file.headers);
    expect(checkMapping(file, targets)).toEqual({ columnErrors: {}, rowErrors: [], itemCount: 2 });
    targets.notes = renamed(targets.notes!, 'topic');
    const clash = checkMapping(file, targets);
    expect(clash.itemCount).toBe(0);
    expect(Object.keys(clash.columnErrors)).toEqual(['notes']);
    expect(clash.columnErrors.notes).toMatch(/topic/);
  });

  it('lists broken rows with their row number', () => {
    const broken = readImportFile('b.csv', 'a,b\n1,2\n3\n');
    const check = checkMapping(broken, defaultTargets(broken.headers));
    expect(check.itemCount).toBe(0);
    expect(check.rowErrors[0]).toMatchObject({ row: 2 });
    expect(check.rowErrors[0]!.message).toMatch(/^row 2/);
  });

  it('flags blank names and a file without input columns', () => {
    const targets = defaultTargets(file.headers);
    targets.topic = renamed(targets.topic!, ' ');
    expect(blankNames(file.headers, targets)).toEqual({ topic: 'Give it a name' });
    expect(inputCount(file.headers, targets)).toBe(3);
    const none = Object.fromEntries(file.headers.map((h) => [h, withKind(h, 'ignore')]));
    expect(inputCount(file.headers, none)).toBe(0);
  });
});
