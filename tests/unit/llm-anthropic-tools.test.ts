import { describe, expect, it } from 'vitest';
import { toolRequest } from '@/lib/llm/anthropic-tools';
import { checkOutput } from '@/lib/llm/json-schema';

/** The input_schema Anthropic gets for a response schema. */
const wrappedSchema = (schema: Record<string, unknown>) => {
  const tool = toolRequest({ responseSchema: { name: 'reply', schema } }).tools?.at(-1);
  return (tool && 'input_schema' in tool ? tool.input_schema : {}) as Record<string, unknown>;
};

describe('toolRequest: a response schema that is not an object', () => {
  it('points a root $ref at the wrapped value, so a recursive array schema keeps its meaning', () => {
    const wrapped = wrappedSchema({ type: 'array', items: { $ref: '#' } });
    expect(wrapped).toEqual({ type: 'object', properties: { value: { type: 'array', items: { $ref: '#/properties/value' } } }, required: ['value'] });
    expect(checkOutput(wrapped, '{"value":[[],[[]]]}')).toEqual({ valid: true, errors: [] });
    expect(checkOutput(wrapped, '{"value":[[1]]}').valid).toBe(false);
  });

  it('rewrites refs into the schema and refs from $defs to the root, and leaves $defs refs and data alone', () => {
    const wrapped = wrappedSchema({
      type: 'array',
      prefixItems: [{ type: 'string' }, { $ref: '#/prefixItems/0' }],
      items: { $ref: '#/$defs/node' },
      const: [{ $ref: '#' }],
      $defs: { node: { anyOf: [{ type: 'null' }, { $ref: '#' }] } },
    });
    expect(wrapped.properties).toEqual({
      value: { type: 'array', prefixItems: [{ type: 'string' }, { $ref: '#/properties/value/prefixItems/0' }], items: { $ref: '#/$defs/node' }, const: [{ $ref: '#' }] },
    });
    expect(wrapped.$defs).toEqual({ node: { anyOf: [{ type: 'null' }, { $ref: '#/properties/value' }] } });
  });

  it('treats keys under properties as names: a property called "$ref" or "enum" is a schema', () => {
    const wrapped = wrappedSchema({ type: 'array', items: { type: 'object', properties: { $ref: { type: 'string' }, enum: { $ref: '#' } } } });
    expect(wrapped.properties).toEqual({
      value: { type: 'array', items: { type: 'object', properties: { $ref: { type: 'string' }, enum: { $ref: '#/properties/value' } } } },
    });
  });

  it('leaves an object schema as it is', () => {
    const schema = { type: 'object', properties: { next: { $ref: '#' } } };
    expect(wrappedSchema(schema)).toEqual(schema);
  });
});
