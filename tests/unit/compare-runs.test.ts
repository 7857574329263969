import { describe, expect, it } from 'vitest';
import { compareRunsHref, MAX_COMPARE_RUNS, parseCompareIds } from '@/components/runs/compare-runs';
import { outputPreview } from '@/components/runs/run-format';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('compareRunsHref', () => {
  it('links the runs in order, with readable commas', () => {
    expect(compareRunsHref([uuid(1), uuid(2)])).toBe(`/runs/compare?ids=${uuid(1)},${uuid(2)}`);
  });

  it('drops duplicates, keeps at most 8 runs, and names a base other than the first', () => {
    const ids = Array.from({ length: 10 }, (_, i) => uuid(i));
    const href = compareRunsHref([uuid(0), ...ids], uuid(3));
    const url = new URL(href, 'http://x');
    expect(url.searchParams.get('ids')?.split(',')).toEqual(ids.slice(0, MAX_COMPARE_RUNS));
    expect(url.searchParams.get('base')).toBe(uuid(3));
    expect(compareRunsHref([uuid(1), uuid(2)], uuid(1))).not.toContain('base=');
    expect(compareRunsHref([uuid(1), uuid(2)], uuid(9))).not.toContain('base=');
  });
});

describe('parseCompareIds', () => {
  it('reads the ids of a pasted link and ignores junk', () => {
    expect(parseCompareIds(` ${uuid(1)} ,,${uuid(1)},<script>,${uuid(2)}`)).toEqual([uuid(1), uuid(2)]);
    expect(parseCompareIds(undefined)).toEqual([]);
    expect(parseCompareIds([uuid(1), uuid(2)])).toEqual([uuid(1), uuid(2)]);
  });
});

describe('outputPreview', () => {
  it('names the tools a reply called when it has no text', () => {
    const run = { output: '', error: null, toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{\n  "city": "Paris"\n}' }] };
    expect(outputPreview(run)).toBe('get_weather({ "city": "Paris" })');
  });
});
