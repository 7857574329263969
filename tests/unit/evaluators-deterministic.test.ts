import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { interpolate, interpolateValue } from '@/lib/evaluators/interpolate';
import { MAX_LEVENSHTEIN_CHARS } from '@/lib/evaluators/levenshtein';
import { parseEvaluatorSpecs } from '@/lib/evaluators/registry';
import { scoreCell } from '@/lib/evaluators/score-cell';
import type { EvalContext, EvaluatorSpec } from '@/lib/evaluators/types';
import { evalContext } from './evaluator-context';

/** Parses one spec as creation does, then scores it. */
async function run(type: string, config: Record<string, unknown>, ctx: Partial<EvalContext> & { input?: Record<string, unknown> } = {}, extra: Partial<EvaluatorSpec> = {}) {
  const specs = await parseEvaluatorSpecs([{ type, config, ...extra }]);
  const scored = await scoreCell({ specs, ctx: evalContext(ctx) });
  return scored.results[0]!;
}

async function configError(type: string, config: Record<string, unknown>) {
  const error = await parseEvaluatorSpecs([{ type, config }]).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).details?.fields ?? [];
}

describe('interpolate', () => {
  const vars = { topic: 'owls', n: 3, obj: { a: [1] }, expected: 'Paris', none: null };
  it('fills variables, JSON-encodes non-strings, leaves unknown ones empty and keeps escaped braces', () => {
    expect(interpolate('{{ topic }} x{{n}} {{obj}} [{{missing}}] [{{none}}]', vars)).toBe('owls x3 {"a":[1]} [] []');
    expect(interpolate('\\{{topic}} is literal', vars)).toBe('{{topic}} is literal');
    expect(interpolate('no braces', vars)).toBe('no braces');
  });
  it('a lone placeholder keeps the raw value, so JSON stays JSON', () => {
    expect(interpolateValue('{{obj}}', vars)).toEqual({ a: [1] });
    expect(interpolateValue('{{missing}}', vars)).toBeUndefined();
    expect(interpolateValue('a {{obj}}', vars)).toBe('a {"a":[1]}');
    expect(interpolateValue(42, vars)).toBe(42);
  });
  it('refuses to grow a value past the cap', () => {
    expect(() => interpolate('{{big}}{{big}}', { big: 'x'.repeat(600_000) })).toThrow(/over 1,000,000 characters/);
  });
});

describe('equals', () => {
  it('compares with {{expected}} by default, trimming ends', async () => {
    expect((await run('equals', {}, { output: ' Paris\n' })).status).toBe('pass');
    expect((await run('equals', {}, { output: 'paris' })).status).toBe('fail');
    expect((await run('equals', { ignoreCase: true }, { output: 'paris' })).status).toBe('pass');
    expect((await run('equals', { trim: false }, { output: 'Paris ' })).status).toBe('fail');
  });
  it('compares JSON deeply when the expected value is JSON', async () => {
    const expected = { a: 1, b: [1, 2] };
    expect((await run('equals', {}, { expected, output: '{"b":[1,2],"a":1}' })).status).toBe('pass');
    expect((await run('equals', {}, { expected, output: '{"b":[2,1],"a":1}' })).status).toBe('fail');
    expect((await run('equals', {}, { expected: '{"x": true}', output: '{ "x" : true }' })).status).toBe('pass');
    const notJson = await run('equals', { value: { x: 1 } }, { output: 'x is 1' });
    expect(notJson.status).toBe('fail');
    expect(notJson.reason).toMatch(/not JSON/);
    expect((await run('equals', { value: 42 }, { output: '42' })).status).toBe('pass');
  });
  it('interpolates variables and errors when there is no expected value', async () => {
    expect((await run('equals', { value: 'about {{topic}}' }, { output: 'about owls' })).status).toBe('pass');
    const missing = await run('equals', {}, { expected: null });
    expect(missing.status).toBe('error');
    expect(missing.pass).toBeNull();
  });
});

describe('contains family', () => {
  it('contains and icontains', async () => {
    expect((await run('contains', { value: 'ari' })).status).toBe('pass');
    expect((await run('contains', { value: 'ARI' })).status).toBe('fail');
    expect((await run('icontains', { value: 'ARI' })).status).toBe('pass');
    expect((await run('icontains', { value: 'ARI', ignoreCase: false })).status).toBe('fail');
    expect((await run('contains', { value: '{{topic}}' }, { output: 'I like owls' })).status).toBe('pass');
    expect((await run('contains', {}, { output: 'It is Paris.' })).status).toBe('pass');
  });
  it('contains-any and contains-all (score = share found)', async () => {
    expect((await run('contains-any', { values: ['x', 'Par'] })).status).toBe('pass');
    expect((await run('contains-any', { values: ['x', 'y'] })).status).toBe('fail');
    const all = await run('contains-all', { values: ['Par', 'is', 'zz', 'yy'] });
    expect(all).toMatchObject({ status: 'fail', score: 0.5 });
    expect(all.reason).toContain('"zz"');
    expect((await run('contains-all', { values: ['par', 'IS'], ignoreCase: true })).status).toBe('pass');
    expect(await configError('contains-all', { values: [] })).toEqual([{ path: 'evaluators.0.config.values', message: 'list at least one value' }]);
  });
  it('starts-with', async () => {
    expect((await run('starts-with', { value: 'Pa' }, { output: '  Paris' })).status).toBe('pass');
    expect((await run('starts-with', { value: 'ris' })).status).toBe('fail');
  });
});

describe('regex', () => {
  it('matches on RE2 with flags', async () => {
    expect((await run('regex', { pattern: '^par', flags: 'i' })).status).toBe('pass');
    expect((await run('regex', { pattern: '^par' })).status).toBe('fail');
    expect((await run('regex', { pattern: 'a.b', flags: 's' }, { output: 'a\nb' })).status).toBe('pass');
    expect((await run('regex', { pattern: '^b$', flags: 'm' }, { output: 'a\nb' })).status).toBe('pass');
  });
  it('refuses bad patterns, lookarounds, long patterns and unknown flags at creation', async () => {
    expect((await configError('regex', { pattern: '(' }))[0]!.path).toBe('evaluators.0.config.pattern');
    expect((await configError('regex', { pattern: '(?=a)b' }))[0]!.message).toMatch(/lookarounds/);
    expect((await configError('regex', { pattern: 'a'.repeat(1001) }))[0]!.path).toBe('evaluators.0.config.pattern');
    expect((await configError('regex', { pattern: 'a', flags: 'g' }))[0]!.path).toBe('evaluators.0.config.flags');
  });
  it('stays linear on a pattern that backtracks catastrophically elsewhere', async () => {
    const started = performance.now();
    const result = await run('regex', { pattern: '^(a+)+$' }, { output: `${'a'.repeat(50_000)}!` });
    expect(result.status).toBe('fail');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('is-json and json-schema', () => {
  it('is-json', async () => {
    expect((await run('is-json', {}, { output: '{"a":1}' })).status).toBe('pass');
    expect((await run('is-json', {}, { output: '{a:1}' })).status).toBe('fail');
    expect((await run('is-json', { requireStructured: true }, { output: '"text"' })).status).toBe('fail');
  });
  it('json-schema validates and refuses an unusable schema at creation', async () => {
    const schema = { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] };
    expect((await run('json-schema', { schema }, { output: '{"n":1}' })).status).toBe('pass');
    const bad = await run('json-schema', { schema }, { output: '{"n":"x"}' });
    expect(bad.status).toBe('fail');
    expect(bad.reason).toMatch(/\/n/);
    expect((await configError('json-schema', { schema: { type: 'nope' } }))[0]!.path).toBe('evaluators.0.config.schema');
    expect((await configError('json-schema', {}))[0]!.path).toBe('evaluators.0.config.schema');
  });
});

describe('levenshtein', () => {
  it('distance and similarity thresholds', async () => {
    const near = await run('levenshtein', { max: 1 }, { output: 'Pariss' });
    expect(near.status).toBe('pass');
    expect(near.score).toBeCloseTo(1 - 1 / 6);
    expect((await run('levenshtein', { max: 0 }, { output: 'Pariss' })).status).toBe('fail');
    expect((await run('levenshtein', { min: 0.8, value: 'kitten' }, { output: 'sitting' })).status).toBe('fail'); // 3 edits over 7
    expect((await run('levenshtein', { min: 0.5, value: 'kitten' }, { output: 'sitting' })).score).toBeCloseTo(4 / 7);
    expect((await configError('levenshtein', { min: 0.5, max: 2 }))[0]!.path).toBe('evaluators.0.config.min');
  });
  it('caps the work on long strings and says so', async () => {
    const long = 'ab'.repeat(MAX_LEVENSHTEIN_CHARS);
    const started = performance.now();
    const result = await run('levenshtein', { max: 5 }, { expected: long, output: 'ba'.repeat(MAX_LEVENSHTEIN_CHARS) });
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(1_000); // bit-parallel: a plain table takes 200–800 ms here
    expect(result.status).toBe('pass'); // the first 10,000 of each differ by two edits
    expect(result.reason).toMatch(/first 10,000 characters/);
  });
});

describe('length, latency, cost', () => {
  it('length in chars and words', async () => {
    expect((await run('length', { min: 3, max: 5 })).status).toBe('pass');
    expect((await run('length', { max: 4 })).status).toBe('fail');
    expect((await run('length', { unit: 'words', min: 3 }, { output: 'one two  three' })).status).toBe('pass');
    expect((await run('length', { max: 1 }, { output: '😀' })).status).toBe('pass'); // a code point, not two UTF-16 units
    expect((await configError('length', {}))[0]!.path).toBe('evaluators.0.config.max');
    expect((await configError('length', { min: 5, max: 2 }))[0]!.path).toBe('evaluators.0.config.max');
  });
  it('latency ≤ ms; unknown latency is an error', async () => {
    expect((await run('latency', { ms: 200 })).status).toBe('pass');
    expect((await run('latency', { ms: 100 })).status).toBe('fail');
    expect((await run('latency', { ms: 100 }, { latencyMs: null })).status).toBe('error');
  });
  it('cost ≤ usd; unknown cost is an error, not a pass', async () => {
    expect((await run('cost', { usd: 0.01 })).status).toBe('pass');
    expect((await run('cost', { usd: 0.001 })).status).toBe('fail');
    const unknown = await run('cost', { usd: 1 }, { costUsd: null });
    expect(unknown.status).toBe('error');
    expect(unknown.reason).toMatch(/unknown/);
  });
});

describe('not, threshold, weight', () => {
  it('not inverts pass and score', async () => {
    const inverted = await run('contains', { value: 'ari' }, {}, { not: true });
    expect(inverted).toMatchObject({ status: 'fail', pass: false, score: 0 });
    expect((await run('contains', { value: 'zzz' }, {}, { not: true })).status).toBe('pass');
    const partial = await run('contains-all', { values: ['Par', 'zz', 'yy', 'xx'] }, {}, { not: true });
    expect(partial.score).toBeCloseTo(0.75);
  });
  it('threshold decides pass from the score', async () => {
    expect((await run('contains-all', { values: ['Par', 'is', 'zz', 'yy'] }, {}, { threshold: 0.5 })).status).toBe('pass');
    expect((await run('contains-all', { values: ['Par', 'is', 'zz', 'yy'] }, {}, { threshold: 0.6 })).status).toBe('fail');
    expect((await run('contains-all', { values: ['Par', 'zz', 'yy', 'xx'] }, {}, { not: true, threshold: 0.7 })).status).toBe('pass');
  });
  it('records the weight on the result', async () => {
    expect((await run('contains', { value: 'a' }, {}, { weight: 3 })).weight).toBe(3);
  });
});

describe('parseEvaluatorSpecs', () => {
  it('names unnamed evaluators after their type, numbering repeats, and applies defaults', async () => {
    const specs = await parseEvaluatorSpecs([
      { type: 'contains', config: { value: 'a' } },
      { type: 'contains', config: { value: 'b' }, name: 'contains 2' },
      { type: 'contains', config: { value: 'c' } },
      { type: 'regex', config: { pattern: 'x' } },
    ]);
    expect(specs.map((s) => s.name)).toEqual(['contains', 'contains 2', 'contains 3', 'regex']);
    expect(specs[3]!.config).toEqual({ pattern: 'x', flags: '' });
  });
  it('names unknown types with the list of known ones and collects every problem', async () => {
    const error = (await parseEvaluatorSpecs([
      { type: 'contains', config: { value: 'a' } },
      { type: 'sentiment', config: {} },
      { type: 'latency', config: { ms: -1, extra: true } },
    ]).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    const paths = error.details!.fields!.map((f) => f.path);
    expect(paths).toContain('evaluators.1.type');
    expect(paths).toContain('evaluators.2.config.ms');
    expect(paths.some((p) => p.startsWith('evaluators.2.config'))).toBe(true);
    expect(error.details!.fields!.find((f) => f.path === 'evaluators.1.type')!.message).toMatch(/`equals`.*`regex`/);
  });
  it('reads a blank optional field from a form as absent', async () => {
    const [judge, hook] = await parseEvaluatorSpecs([
      { type: 'llm-judge', config: { rubric: 'Polite.', provider: '', model: '' } },
      { type: 'webhook', config: { url: 'https://example.com/grade', secret: '' } },
    ]);
    expect(judge!.config).toEqual({ rubric: 'Polite.', passThreshold: 0.5 });
    expect(hook!.config).toEqual({ url: 'https://example.com/grade', timeoutMs: 10_000 });
  });
  it('refuses two evaluators with the same name', async () => {
    const error = (await parseEvaluatorSpecs([
      { type: 'contains', config: { value: 'a' }, name: 'x' },
      { type: 'regex', config: { pattern: 'a' }, name: 'x' },
    ]).catch((e: unknown) => e)) as ApiError;
    expect(error.details!.fields![0]!.path).toBe('evaluators.1.name');
  });
});
