import { describe, expect, it } from 'vitest';
import { mapColumns } from '@/lib/datasets/columns';
import { importRows } from '@/lib/datasets/import-rows';
import { itemProblem } from '@/lib/datasets/item-checks';
import { datasetItemSchema, updateItemSchema } from '@/lib/datasets/schemas';

// `__proto__` assigned into a plain object is not a key: the column or key vanished without a word. These names
// are refused, naming where they are.

describe('reserved variable and metadata names', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses a CSV column %s, naming the header', (name) => {
    const result = importRows(`topic,${name}\na,b\n`, 'csv');
    expect(result.items).toEqual([]);
    expect(result.errors).toEqual([
      { row: 0, column: name, path: `rows.0.${name}`, message: `row 0 (the header), column \`${name}\`: \`${name}\` is reserved and cannot be a variable name: rename it` },
    ]);
  });

  it('refuses a metadata column and a mapping onto a reserved name', () => {
    expect(importRows('topic,metadata.__proto__\na,b\n', 'csv').errors[0]?.message).toBe(
      'row 0 (the header), column `metadata.__proto__`: `__proto__` is reserved and cannot be a metadata key name: rename it',
    );
    expect(mapColumns(['q'], { q: { kind: 'input', name: 'constructor' } }).errors.map((e) => e.path)).toEqual(['rows.0.q']);
  });

  it('refuses JSON rows with reserved keys, naming their row and column', () => {
    const jsonl = ['{"input":{"topic":"a"}}', '{"input":{"topic":"b","__proto__":{"x":1}}}', '{"topic":"c","metadata.constructor":1}'].join('\n');
    const result = importRows(jsonl, 'jsonl');
    expect(result.items).toEqual([]);
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '__proto__', 'row 2, column `__proto__`: `__proto__` is reserved and cannot be a variable name: rename it'],
      [3, 'metadata.constructor', 'row 3, column `metadata.constructor`: `constructor` is reserved and cannot be a metadata key name: rename it'],
    ]);
    expect(importRows('[{"prototype":"p"}]', 'json').errors[0]?.path).toBe('rows.1.prototype');
  });

  it('refuses them in the items schema (POST items, PATCH item) and in itemProblem', () => {
    const item = JSON.parse('{"input":{"topic":"a","__proto__":"x"},"metadata":{"constructor":1}}');
    const parsed = datasetItemSchema.safeParse(item);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['input.__proto__', '`__proto__` is reserved and cannot be a variable name: rename it'],
      ['metadata.constructor', '`constructor` is reserved and cannot be a metadata key name: rename it'],
    ]);
    expect(updateItemSchema.safeParse(JSON.parse('{"metadata":{"prototype":1}}')).success).toBe(false);
    expect(itemProblem(item)).toEqual({ path: 'input.__proto__', message: '`__proto__` is reserved and cannot be a variable name: rename it' });
    // Ordinary names still pass, including ones that merely contain a reserved word.
    expect(datasetItemSchema.safeParse({ input: { proto: 1, my_constructor: 2 }, metadata: { prototypes: 3 } }).success).toBe(true);
  });
});
