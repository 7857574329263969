import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { withDeadline } from '@/lib/llm/deadline';
import { assertUsableModelSchemas, checkOutput } from '@/lib/llm/json-schema';

// The real deadline, which a test can watch or replace for one call.
vi.mock('@/lib/llm/deadline', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/llm/deadline')>();
  return { withDeadline: vi.fn(actual.withDeadline) };
});
afterEach(() => {
  vi.mocked(withDeadline).mockReset(); // back to the real deadline
  vi.restoreAllMocks();
});

/** A distinct object schema of about `kb` KB. */
const sizedSchema = (tag: string, kb: number) => ({
  type: 'object',
  properties: Object.fromEntries(Array.from({ length: kb }, (_, i) => [`${tag}_${i}`, { type: 'string', description: 'd'.repeat(1_000) }])),
});

const person = {
  type: 'object',
  required: ['name', 'age'],
  properties: { name: { type: 'string', pattern: '^[A-Z]' }, age: { type: 'integer', minimum: 0 }, tags: { type: 'array', items: { type: 'string' } } },
  additionalProperties: false,
};

function fieldsOf(run: () => void) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).details?.fields;
  }
  throw new Error('expected an error');
}

describe('checkOutput', () => {
  it('accepts a reply that matches', () => {
    expect(checkOutput(person, '{"name":"Ada","age":36,"tags":["x"]}')).toEqual({ valid: true, errors: [] });
  });

  it('names each problem with where it is in the reply', () => {
    const check = checkOutput(person, '{"name":"ada","age":-1,"tags":[1],"extra":true}');
    expect(check.valid).toBe(false);
    expect(check.errors).toEqual(
      expect.arrayContaining([
        'The reply must not have additional properties (extra)',
        'At /name: must match pattern "^[A-Z]"',
        'At /age: must be >= 0',
        'At /tags/0: must be string',
      ]),
    );
    expect(check.errors.join(' ')).not.toMatch(/`|NOT/);
  });

  it('reports a reply that is not JSON', () => {
    const check = checkOutput(person, 'Sure! Here is the JSON: {');
    expect(check.valid).toBe(false);
    expect(check.errors).toHaveLength(1);
    expect(check.errors[0]).toMatch(/^The reply is not JSON: /);
  });

  it('reports at most 10 errors', () => {
    const schema = { type: 'array', items: { type: 'string' } };
    const check = checkOutput(schema, JSON.stringify(Array.from({ length: 500 }, (_, i) => i)));
    expect(check.errors).toHaveLength(10);
  });

  it('runs patterns in linear time: a backtracking pattern on a long near-match finishes fast', () => {
    const schema = { type: 'string', pattern: '^(a+)+$' };
    const started = performance.now();
    const check = checkOutput(schema, JSON.stringify(`${'a'.repeat(50_000)}!`));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(check).toEqual({ valid: false, errors: ['The reply must match pattern "^(a+)+$"'] });
    expect(checkOutput(schema, '"aaaa"').valid).toBe(true);
  });

  it('stops a validation that would take exponential time', () => {
    // Every level validates its child twice: 2^depth work, bounded by the deadline instead.
    const schema = { $defs: { n: { type: 'array', allOf: [{ items: { $ref: '#/$defs/n' } }, { items: { $ref: '#/$defs/n' } }], minItems: 2 } }, $ref: '#/$defs/n' };
    const deep = `${'['.repeat(60)}1${']'.repeat(60)}`;
    const started = performance.now();
    const check = checkOutput(schema, deep);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(check).toEqual({ valid: false, errors: ['Checking the reply against the schema took too long'] });
  });

  it('reads a draft-07 $schema and definitions without failing', () => {
    const schema = { $schema: 'http://json-schema.org/draft-07/schema#', definitions: { s: { type: 'string' } }, type: 'object', properties: { a: { $ref: '#/definitions/s' } } };
    expect(checkOutput(schema, '{"a":1}')).toEqual({ valid: false, errors: ['At /a: must be string'] });
  });
});

describe('checkOutput messages', () => {
  it('caps a message that quotes long enum values', () => {
    const schema = { enum: Array.from({ length: 10 }, (_, i) => `${i}${'v'.repeat(1_000)}`) };
    const [error, ...rest] = checkOutput(schema, '"other"').errors;
    expect(rest).toEqual([]);
    expect(error).toMatch(/^The reply must be equal to one of the allowed values: "0v+/);
    expect(error!.length).toBeLessThanOrEqual(300);
    expect(error!.endsWith('…')).toBe(true);
  });

  it('caps each message that quotes property names from the reply, and the errors together', () => {
    const schema = { type: 'object', additionalProperties: false };
    const reply = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${i}${'k'.repeat(5_000)}`, 1]));
    const { errors } = checkOutput(schema, JSON.stringify(reply));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.length <= 300 && e.startsWith('The reply must not have additional properties ('))).toBe(true);
    expect(errors.join('').length).toBeLessThanOrEqual(2_000);
  });

  it('names the real reason when checking fails, not always the nesting', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    expect(checkOutput(schema, '{"a":"x"}').valid).toBe(true); // compiled and cached
    vi.mocked(withDeadline).mockImplementationOnce(() => {
      throw new TypeError('Cannot read properties of undefined');
    });
    expect(checkOutput(schema, '{"a":"x"}')).toEqual({ valid: false, errors: ['The reply could not be checked against the schema: Cannot read properties of undefined'] });
    vi.mocked(withDeadline).mockImplementationOnce(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    expect(checkOutput(schema, '{"a":"x"}')).toEqual({ valid: false, errors: ['The reply is nested too deeply to check'] });
  });
});

describe('assertUsableModelSchemas', () => {
  const base = { provider: 'openai', model: 'gpt-4o-mini' };

  it('passes usable schemas and no schemas', () => {
    expect(() => assertUsableModelSchemas(base, 'model')).not.toThrow();
    expect(() => assertUsableModelSchemas(undefined, 'model')).not.toThrow();
    const ok = { ...base, responseSchema: { name: 'person', schema: person }, tools: [{ name: 'lookup', parameters: { type: 'object', properties: {} } }] };
    expect(() => assertUsableModelSchemas(ok, 'model')).not.toThrow();
  });

  it('names the response schema field with a readable reason', () => {
    const fields = fieldsOf(() => assertUsableModelSchemas({ ...base, responseSchema: { name: 'r', schema: { type: 'strnig' } } }, 'draft.model'));
    expect(fields).toEqual([{ path: 'draft.model.responseSchema.schema', message: expect.stringMatching(/^is not a valid JSON Schema: at \/type, must be equal to one of the allowed values/) }]);
  });

  it('refuses a pattern RE2 cannot run, without backticks', () => {
    const schema = { type: 'string', pattern: '(a)\\1' };
    const fields = fieldsOf(() => assertUsableModelSchemas({ ...base, responseSchema: { name: 'r', schema } }, 'model'));
    expect(fields?.[0]?.message).toMatch(/^is not a valid JSON Schema: the pattern "\(a\)\\1" cannot be used/);
    expect(fields?.[0]?.message).not.toContain('`');
  });

  it('names the tool whose parameters are unusable', () => {
    const tools = [
      { name: 'ok', parameters: { type: 'object' } },
      { name: 'bad', parameters: { type: 'object', properties: { a: { $ref: '#/$defs/missing' } } } },
      { name: 'array', parameters: { type: 'array' } },
    ];
    const fields = fieldsOf(() => assertUsableModelSchemas({ ...base, tools }, 'model'));
    expect(fields?.map((f) => f.path)).toEqual(['model.tools.1.parameters', 'model.tools.2.parameters']);
    expect(fields?.[1]?.message).toBe('is not a valid JSON Schema: the parameters of a tool must be an object schema (type "object")');
  });

  it('refuses a schema nested too deeply', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 80; i++) schema = { type: 'array', items: schema };
    const fields = fieldsOf(() => assertUsableModelSchemas({ ...base, responseSchema: { name: 'r', schema } }, 'model'));
    expect(fields?.[0]?.message).toBe('is not a valid JSON Schema: it is nested too deeply (at most 64 levels)');
  });

  it('keeps one schema\'s $id out of another\'s reach', () => {
    const a = { $id: 'https://example.com/shared', type: 'string' };
    expect(() => assertUsableModelSchemas({ ...base, responseSchema: { name: 'a', schema: a } }, 'model')).not.toThrow();
    const b = { type: 'object', properties: { x: { $ref: 'https://example.com/shared' } } };
    expect(() => assertUsableModelSchemas({ ...base, responseSchema: { name: 'b', schema: b } }, 'model')).toThrow(ApiError);
  });

  it('caps the schemas of one model setting together: 33 distinct 30 KB schemas answer 422 at once', () => {
    const model = { ...base, responseSchema: { name: 'r', schema: sizedSchema('r', 30) }, tools: Array.from({ length: 32 }, (_, i) => ({ name: `t${i}`, parameters: sizedSchema(`t${i}`, 30) })) };
    const started = performance.now();
    const fields = fieldsOf(() => assertUsableModelSchemas(model, 'model'));
    expect(performance.now() - started).toBeLessThan(500);
    expect(fields).toEqual([{ path: 'model.tools', message: "is too large: the response schema and the tools' parameters may total at most 64 KB of JSON" }]);
    expect(withDeadline).not.toHaveBeenCalled();
  });

  it('gives all schemas of one model setting one compile deadline between them', () => {
    // Each compile "takes" 900 ms: the first gets 2 s, the next what is left, the fourth nothing.
    let now = 1_000_000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const budgets: number[] = [];
    vi.mocked(withDeadline).mockImplementation((ms, job) => {
      budgets.push(ms);
      now += 900;
      return job();
    });
    const tools = ['a', 'b', 'c', 'd'].map((name) => ({ name, parameters: sizedSchema(`budget_${name}`, 1) }));
    const fields = fieldsOf(() => assertUsableModelSchemas({ ...base, tools }, 'model'));
    expect(budgets).toEqual([2_000, 1_100, 200]);
    expect(fields).toEqual([{ path: 'model.tools.3.parameters', message: expect.stringMatching(/^is not a valid JSON Schema: it takes too long to compile/) }]);
  });

  it('does not remember a compile that ran out of time: the next request compiles it again', () => {
    const schema = sizedSchema('retried', 1);
    const model = { ...base, responseSchema: { name: 'r', schema } };
    vi.mocked(withDeadline).mockImplementationOnce(() => {
      throw Object.assign(new Error('Script execution timed out'), { code: 'ERR_SCRIPT_EXECUTION_TIMEOUT' });
    });
    const fields = fieldsOf(() => assertUsableModelSchemas(model, 'model'));
    expect(fields?.[0]?.message).toMatch(/^is not a valid JSON Schema: it takes too long to compile/);
    expect(() => assertUsableModelSchemas(model, 'model')).not.toThrow();
  });

  it('does not remember a schema refused because the setting\'s shared deadline was spent', () => {
    const schema = sizedSchema('spent', 1);
    let now = 1_000_000;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 2_500));
    expect(fieldsOf(() => assertUsableModelSchemas({ ...base, responseSchema: { name: 'r', schema } }, 'model'))?.[0]?.message).toMatch(/too long to compile/);
    vi.mocked(performance.now).mockRestore();
    expect(() => assertUsableModelSchemas({ ...base, responseSchema: { name: 'r', schema } }, 'model')).not.toThrow();
  });
});
