import { describe, it, expect } from 'vitest';
import {
  extractVariables,
  isJsonValue,
  MAX_SYNTAX_ERRORS,
  parseTemplate,
  reconcileVariables,
  variableDefSchema,
  variableDefsSchema,
  type VariableDef,
} from '@/lib/templates';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe('variableDefSchema', () => {
  it('fills in type and required defaults', () => {
    expect(variableDefSchema.parse({ name: 'topic' })).toEqual({ name: 'topic', type: 'string', required: true });
  });

  it('keeps explicit fields', () => {
    const def = { name: '_n2', type: 'number', required: false, default: 3, description: 'count' };
    expect(variableDefSchema.parse(def)).toEqual(def);
  });

  it.each(['1abc', 'has-dash', 'has space', '', 'émoji', 'a.b'])('rejects the name %j with a clear message', (name) => {
    const result = variableDefSchema.safeParse({ name });
    expect(result.success).toBe(false);
    expect(messages(result)).toEqual([
      'variable names must start with a letter or _ and contain only letters, digits and _',
    ]);
  });

  it('rejects unknown fields', () => {
    const result = variableDefSchema.safeParse({ name: 'topic', label: 'Topic' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('rejects an unknown type', () => {
    expect(variableDefSchema.safeParse({ name: 'x', type: 'date' }).success).toBe(false);
  });

  it('limits the description to 500 characters', () => {
    expect(variableDefSchema.safeParse({ name: 'x', description: 'a'.repeat(500) }).success).toBe(true);
    const result = variableDefSchema.safeParse({ name: 'x', description: 'a'.repeat(501) });
    expect(messages(result)).toEqual(['description must be at most 500 characters']);
  });

  it.each([
    ['string', 42, 'default for `topic` must be a string'],
    ['number', '5', 'default for `topic` must be a number'],
    ['number', Number.NaN, 'default for `topic` must be a number'],
    ['number', Number.POSITIVE_INFINITY, 'default for `topic` must be a number'],
    ['boolean', 'true', 'default for `topic` must be a boolean (true or false)'],
    ['json', { when: new Date(0) }, 'default for `topic` must be a JSON value'],
  ])('rejects a %s variable with default %j', (type, value, message) => {
    const result = variableDefSchema.safeParse({ name: 'topic', type, default: value });
    expect(result.success).toBe(false);
    expect(messages(result)).toEqual([message]);
    expect(result.error?.issues[0]?.path).toEqual(['default']);
  });

  it.each([
    ['string', ''],
    ['number', -1.5],
    ['boolean', false],
    ['json', { a: [1, null, 'x'] }],
    ['json', null],
    ['json', 'plain string'],
  ])('accepts a %s variable with default %j', (type, value) => {
    expect(variableDefSchema.parse({ name: 'v', type, default: value }).default).toEqual(value);
  });

  it('checks the default against the defaulted type (string)', () => {
    expect(messages(variableDefSchema.safeParse({ name: 'x', default: 1 }))).toEqual([
      'default for `x` must be a string',
    ]);
  });
});

describe('variableDefsSchema', () => {
  it('reports duplicate names by name and position', () => {
    const result = variableDefsSchema.safeParse([{ name: 'a' }, { name: 'b' }, { name: 'a' }]);
    expect(result.success).toBe(false);
    expect(messages(result)).toEqual(['duplicate variable name `a`']);
    expect(result.error?.issues[0]?.path).toEqual([2, 'name']);
  });

  it('allows 100 variables but not 101', () => {
    const defs = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `v${i}` }));
    expect(variableDefsSchema.parse(defs(100))).toHaveLength(100);
    expect(messages(variableDefsSchema.safeParse(defs(101)))).toEqual([
      'a prompt can declare at most 100 variables',
    ]);
  });
});

describe('isJsonValue', () => {
  it('accepts JSON data and rejects what JSON.stringify would mangle', () => {
    expect(isJsonValue({ a: [1, 'x', true, null, { b: -0.5 }] })).toBe(true);
    expect(isJsonValue(undefined)).toBe(false);
    expect(isJsonValue([1, undefined])).toBe(false);
    expect(isJsonValue(10n)).toBe(false);
    expect(isJsonValue(() => 1)).toBe(false);
    expect(isJsonValue(new Map())).toBe(false);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(isJsonValue(cyclic)).toBe(false);
  });

  it('accepts a repeated (non-cyclic) reference', () => {
    const shared = { x: 1 };
    expect(isJsonValue([shared, shared])).toBe(true);
  });
});

describe('parseTemplate', () => {
  it('returns nothing for an empty string', () => {
    expect(parseTemplate('')).toEqual({ segments: [], variables: [], errors: [] });
  });

  it('splits text and placeholders with source offsets', () => {
    expect(parseTemplate('Hi {{name}}!')).toEqual({
      segments: [
        { kind: 'text', text: 'Hi ', start: 0, end: 3 },
        { kind: 'variable', name: 'name', raw: '{{name}}', start: 3, end: 11 },
        { kind: 'text', text: '!', start: 11, end: 12 },
      ],
      variables: ['name'],
      errors: [],
    });
  });

  it('allows spaces and tabs inside the braces', () => {
    const { segments, variables } = parseTemplate('{{  a }}{{\tb\t}}{{c }}');
    expect(variables).toEqual(['a', 'b', 'c']);
    expect(segments.map((s) => (s.kind === 'variable' ? s.raw : s.text))).toEqual(['{{  a }}', '{{\tb\t}}', '{{c }}']);
  });

  it('does not allow a newline inside the braces', () => {
    const { variables, errors } = parseTemplate('{{\nname}}');
    expect(variables).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('lists unique names in order of first use', () => {
    expect(extractVariables('{{ b }} {{a}} {{ b }} {{_c1}} {{a}}')).toEqual(['b', 'a', '_c1']);
  });

  it('treats \\{{ as a literal {{ and drops the backslash', () => {
    const { segments, variables, errors } = parseTemplate('use \\{{ name }} here');
    expect(variables).toEqual([]);
    expect(errors).toEqual([]);
    expect(segments).toEqual([{ kind: 'text', text: 'use {{ name }} here', start: 0, end: 20 }]);
  });

  it('allows an escape right before a real placeholder', () => {
    const { segments, variables } = parseTemplate('\\{{{{x}}');
    expect(variables).toEqual(['x']);
    expect(segments).toEqual([
      { kind: 'text', text: '{{', start: 0, end: 3 },
      { kind: 'variable', name: 'x', raw: '{{x}}', start: 3, end: 8 },
    ]);
  });

  it('keeps a lone backslash elsewhere', () => {
    expect(parseTemplate('a\\b {{x}}').segments[0]).toEqual({ kind: 'text', text: 'a\\b ', start: 0, end: 4 });
  });

  it('uses the last two braces of a brace run as the opener', () => {
    const { segments } = parseTemplate('{{{x}}}');
    expect(segments).toEqual([
      { kind: 'text', text: '{', start: 0, end: 1 },
      { kind: 'variable', name: 'x', raw: '{{x}}', start: 1, end: 6 },
      { kind: 'text', text: '}', start: 6, end: 7 },
    ]);
  });

  it('leaves single braces and stray }} alone', () => {
    const text = 'JSON: {"a": {"b": 1}} and } }}';
    expect(parseTemplate(text)).toEqual({
      segments: [{ kind: 'text', text, start: 0, end: text.length }],
      variables: [],
      errors: [],
    });
  });

  it('reports an invalid name with line, column and keeps it as text', () => {
    const text = 'line one\nline two\nsay {{ 1abc }} and {{ ok }}';
    const { segments, variables, errors } = parseTemplate(text);
    expect(variables).toEqual(['ok']);
    expect(errors).toEqual([
      {
        message:
          '`{{ 1abc }}` on line 3 is not a valid placeholder: names start with a letter or _ and contain letters, digits and _; write \\{{ for a literal {{',
        index: 22,
        line: 3,
        column: 5,
      },
    ]);
    expect(segments[0]).toEqual({ kind: 'text', text: 'line one\nline two\nsay {{ 1abc }} and ', start: 0, end: 37 });
  });

  it.each(['{{}}', '{{ }}', '{{ a b }}', '{{ a-b }}', '{{ é }}'])('reports %j as not a valid placeholder', (text) => {
    const { errors, variables, segments } = parseTemplate(text);
    expect(variables).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`\`${text}\` on line 1 is not a valid placeholder`);
    expect(segments).toEqual([{ kind: 'text', text, start: 0, end: text.length }]);
  });

  it('reports an unclosed placeholder', () => {
    const { errors, variables } = parseTemplate('Hello {{ name\nnext {{ x }}');
    expect(variables).toEqual(['x']);
    expect(errors).toEqual([
      {
        message: '`{{ name` on line 1 is not closed: write {{ name }} for a placeholder or write \\{{ for a literal {{',
        index: 6,
        line: 1,
        column: 7,
      },
    ]);
  });

  it('reports a placeholder closed with a single brace as unclosed', () => {
    expect(parseTemplate('{{ x }').errors[0]?.message).toMatch(/^`\{\{ x }` on line 1 is not closed/);
  });

  it('handles unicode and emoji around placeholders (offsets in UTF-16, columns in code points)', () => {
    const text = '👋 héllo {{ name }} 🎉\n日本語 {{ 2x }}';
    const { segments, variables, errors } = parseTemplate(text);
    expect(variables).toEqual(['name']);
    expect(segments[1]).toEqual({ kind: 'variable', name: 'name', raw: '{{ name }}', start: 9, end: 19 });
    expect(text.slice(9, 19)).toBe('{{ name }}');
    expect(segments[2]).toEqual({ kind: 'text', text: ' 🎉\n日本語 {{ 2x }}', start: 19, end: text.length });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ index: 27, line: 2, column: 5 });
  });

  it('handles 1 MB of {{ without blowing up', () => {
    const text = '{'.repeat(1_000_000);
    const { segments, variables, errors } = parseTemplate(text);
    expect(variables).toEqual([]);
    expect(segments).toEqual([{ kind: 'text', text, start: 0, end: text.length }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ index: 999_998, line: 1, column: 999_999 });
  });

  it('handles 1 MB of "{{ " and caps the number of errors', () => {
    const text = '{{ '.repeat(350_000);
    const { segments, variables, errors } = parseTemplate(text);
    expect(variables).toEqual([]);
    expect(segments).toEqual([{ kind: 'text', text, start: 0, end: text.length }]);
    expect(errors).toHaveLength(MAX_SYNTAX_ERRORS);
    expect(errors[99]).toMatchObject({ index: 297, line: 1, column: 298 });
  });

  it('handles 1 MB of "{{ a" (long unclosed names) and a placeholder at the end', () => {
    const text = '{{ aaaa'.repeat(150_000) + '{{ last }}';
    const { variables, segments } = parseTemplate(text);
    expect(variables).toEqual(['last']);
    expect(segments.at(-1)).toEqual({ kind: 'variable', name: 'last', raw: '{{ last }}', start: text.length - 10, end: text.length });
  });

  it('handles 1 MB of escapes and many placeholders', () => {
    const escaped = parseTemplate('\\{{'.repeat(350_000));
    expect(escaped.segments).toHaveLength(1);
    expect(escaped.segments[0]).toMatchObject({ kind: 'text', text: '{{'.repeat(350_000) });
    const many = parseTemplate('{{ a }}{{b}}'.repeat(100_000));
    expect(many.variables).toEqual(['a', 'b']);
    expect(many.segments).toHaveLength(200_000);
    expect(many.errors).toEqual([]);
  });
});

describe('reconcileVariables', () => {
  const declared: VariableDef[] = [
    { name: 'tone', type: 'string', required: false, default: 'friendly' },
    { name: 'count', type: 'number', required: true },
    { name: 'legacy', type: 'boolean', required: true },
  ];

  it('appends undeclared names in order of first use and reports unused ones', () => {
    const result = reconcileVariables(declared, ['{{ topic }} in a {{tone}} way', '{{ count }} {{ audience }} {{ topic }}']);
    expect(result).toEqual({
      variables: [
        ...declared,
        { name: 'topic', type: 'string', required: true },
        { name: 'audience', type: 'string', required: true },
      ],
      undeclared: ['topic', 'audience'],
      unused: ['legacy'],
    });
  });

  it('returns the declared list unchanged when everything matches', () => {
    const result = reconcileVariables(declared, ['{{tone}}{{count}}', '{{legacy}}']);
    expect(result).toEqual({ variables: declared, undeclared: [], unused: [] });
  });

  it('ignores escaped and invalid placeholders', () => {
    const result = reconcileVariables([], ['\\{{ notvar }} {{ 9bad }} {{ good }}']);
    expect(result.undeclared).toEqual(['good']);
  });

  it('treats prototype names as ordinary names', () => {
    const result = reconcileVariables([{ name: 'constructor', type: 'string', required: true }], ['{{ __proto__ }} {{ toString }}']);
    expect(result.undeclared).toEqual(['__proto__', 'toString']);
    expect(result.unused).toEqual(['constructor']);
  });
});
