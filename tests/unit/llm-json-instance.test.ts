import { describe, expect, it } from 'vitest';
import { exampleFromSchema } from '@/lib/llm/json-instance';

// Nine required properties that each $ref the root: 9^12 values by depth alone (23 MB from 229 bytes before).
const fanOut = (n: number) => ({
  type: 'object',
  required: Array.from({ length: n }, (_, i) => `p${i}`),
  properties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { $ref: '#' }])),
});

describe('exampleFromSchema', () => {
  it('gives the minimal value of an ordinary schema', () => {
    const schema = { type: 'object', required: ['name', 'age', 'tags'], properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 18 }, tags: { type: 'array', items: { enum: ['a'] }, minItems: 2 } } };
    expect(exampleFromSchema(schema)).toEqual({ name: 'example', age: 18, tags: ['a', 'a'] });
  });

  it('bounds a recursive schema that fans out: fast, and the JSON stops near the output limit', () => {
    for (const n of [9, 200]) {
      const started = performance.now();
      const text = JSON.stringify(exampleFromSchema(fanOut(n)));
      expect(performance.now() - started).toBeLessThan(500);
      expect(text.length).toBeLessThan(210_000);
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('stops near a smaller output limit', () => {
    const text = JSON.stringify(exampleFromSchema(fanOut(9), 1_000));
    expect(text.length).toBeLessThan(1_100);
  });

  it('spends one node budget per generation, then answers minimal values', () => {
    // 1 + 20 + 400 objects and 8,000 strings of 1,000 characters: past the 5,000 nodes, the rest are minimal.
    const leafy = { type: 'object', required: ['s'], properties: { s: { type: 'string', minLength: 1_000 } } };
    const wide = (child: object) => ({ type: 'object', required: Array.from({ length: 20 }, (_, i) => `k${i}`), properties: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, child])) });
    const text = JSON.stringify(exampleFromSchema(wide(wide(wide(leafy))), 100_000_000));
    expect(text.length).toBeLessThan(5_000 * 1_020);
    expect(text.endsWith('"k19":{}}')).toBe(true);
  });
});
