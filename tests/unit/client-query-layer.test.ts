import { describe, expect, expectTypeOf, it } from 'vitest';
import { patchedPrompt } from '@/components/prompts/use-prompt';
import { ApiClientError } from '@/lib/client/api';
import { pageItems } from '@/lib/client/pages';
import { shouldRetry } from '@/lib/client/query-client';
import type { Jsonify, Prompt, Run } from '@/lib/client/types';

describe('shouldRetry', () => {
  it('never retries an answer the server gave on purpose (4xx)', () => {
    expect(shouldRetry(0, new ApiClientError('NOT_FOUND', 'gone', 404))).toBe(false);
    expect(shouldRetry(0, new ApiClientError('INVALID_INPUT', 'bad', 422))).toBe(false);
  });

  it('retries network failures and 5xx twice', () => {
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetry(1, new ApiClientError('INTERNAL', 'oops', 500))).toBe(true);
    expect(shouldRetry(2, new ApiClientError('INTERNAL', 'oops', 500))).toBe(false);
  });
});

describe('pageItems', () => {
  it('flattens loaded pages in order and shows a row that moved between pages once', () => {
    const data = { pages: [{ items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'x' }, { items: [{ id: 'b' }, { id: 'c' }], nextCursor: null }] };
    expect(pageItems(data).map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(pageItems(undefined)).toEqual([]);
  });
});

describe('patchedPrompt', () => {
  const prompt = { id: 'p', title: 'Old', slug: 'old', description: '', tags: ['a'] } as unknown as Prompt;

  it('shows the edit the way the server will store it', () => {
    expect(patchedPrompt(prompt, { title: ' New ', tags: ['Email', 'email', ' support '] })).toMatchObject({
      title: 'New',
      slug: 'old',
      tags: ['email', 'support'],
    });
  });

  it('leaves fields the patch does not name', () => {
    expect(patchedPrompt(prompt, { description: 'About' })).toMatchObject({ title: 'Old', description: 'About', tags: ['a'] });
  });
});

describe('client types', () => {
  it('turn dates into strings, recursively, as JSON does', () => {
    type View = { at: Date; nested: { list: { when: Date | null }[] }; n: number };
    expectTypeOf<Jsonify<View>>().toEqualTypeOf<{ at: string; nested: { list: { when: string | null }[] }; n: number }>();
  });

  it('derive from the server views', () => {
    expectTypeOf<Run['createdAt']>().toEqualTypeOf<string>();
    expectTypeOf<Run['finishedAt']>().toEqualTypeOf<string | null>();
    expectTypeOf<Prompt['currentVersion']>().toMatchTypeOf<{ createdAt: string } | null>();
  });
});
