import { describe, expect, it } from 'vitest';
import { valuesForSet, valuesFromSet } from '@/app/(workspace)/prompts/[id]/_components/input-set-values';

describe('input set values', () => {
  it('fills the run form from a saved set: text and flags as they are, numbers and JSON as their text', () => {
    expect(valuesFromSet({ text: 'hi', n: 2, on: false, data: { a: [1] }, none: null })).toEqual({ text: 'hi', n: '2', on: false, data: '{"a":[1]}', none: 'null' });
  });

  it('saves only the variables the prompt has now', () => {
    expect(valuesForSet({ text: 'hi', old: 'x' }, ['text', 'other'])).toEqual({ text: 'hi' });
    expect(valuesForSet({ text: 'hi', old: 'x' }, undefined)).toEqual({ text: 'hi', old: 'x' });
  });
});
