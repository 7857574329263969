import { describe, it, expect } from 'vitest';
import { renderPrompt, TemplateRenderError, type RenderIssue, type VariableDef } from '@/lib/templates';

const v = (name: string, type: VariableDef['type'] = 'string', extra: Partial<VariableDef> = {}): VariableDef => ({
  name,
  type,
  required: true,
  ...extra,
});

/** Renders a single user template with no system prompt. */
const renderUser = (userPrompt: string, variables: VariableDef[], values: Record<string, unknown>) =>
  renderPrompt({ systemPrompt: '', userPrompt, variables }, values);

function issuesOf(fn: () => unknown): RenderIssue[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateRenderError);
    return (error as TemplateRenderError).issues;
  }
  throw new Error('expected a TemplateRenderError');
}

describe('renderPrompt: substitution', () => {
  it('renders both prompts and returns the resolved values', () => {
    const result = renderPrompt(
      {
        systemPrompt: 'You are a {{ tone }} assistant.',
        userPrompt: 'Write about {{topic}} in {{ tone }} words.',
        variables: [v('topic'), v('tone')],
      },
      { topic: 'otters', tone: 'playful' },
    );
    expect(result).toEqual({
      system: 'You are a playful assistant.',
      user: 'Write about otters in playful words.',
      values: { topic: 'otters', tone: 'playful' },
    });
  });

  it('renders escaped braces literally without the backslash', () => {
    expect(renderUser('Use \\{{ topic }} syntax for {{ topic }}', [v('topic')], { topic: 'x' }).user).toBe(
      'Use {{ topic }} syntax for x',
    );
  });

  it('does not re-expand placeholders inside values', () => {
    const result = renderUser('{{ a }} / {{ b }}', [v('a'), v('b')], { a: '{{ b }}', b: '{{a}} \\{{ $& $1' });
    expect(result.user).toBe('{{ b }} / {{a}} \\{{ $& $1');
  });

  it('keeps unicode and emoji around placeholders', () => {
    expect(renderUser('👋 {{ name }}！🎉', [v('name')], { name: 'Zoë 🦦' }).user).toBe('👋 Zoë 🦦！🎉');
  });

  it('renders an empty string value and an empty template', () => {
    expect(renderUser('[{{ s }}]', [v('s')], { s: '' }).user).toBe('[]');
    expect(renderPrompt({ systemPrompt: '', userPrompt: '', variables: [] }, {})).toEqual({
      system: '',
      user: '',
      values: {},
    });
  });

  it('handles a 1 MB template and a 1 MB value', () => {
    const big = 'x'.repeat(1_000_000);
    const template = `${'{{ a }}'.repeat(50_000)}${'.'.repeat(500_000)}`;
    const result = renderUser(template, [v('a')], { a: 'ab' });
    expect(result.user).toBe(`${'ab'.repeat(50_000)}${'.'.repeat(500_000)}`);
    expect(renderUser('<{{ a }}>', [v('a')], { a: big }).user).toBe(`<${big}>`);
  });
});

describe('renderPrompt: defaults and missing values', () => {
  it('applies defaults for undefined and null values', () => {
    const vars = [v('tone', 'string', { default: 'calm' }), v('n', 'number', { default: 3 })];
    expect(renderUser('{{tone}} {{n}}', vars, {}).user).toBe('calm 3');
    expect(renderUser('{{tone}} {{n}}', vars, { tone: null, n: undefined })).toEqual({
      system: '',
      user: 'calm 3',
      values: { tone: 'calm', n: 3 },
    });
  });

  it('prefers a provided value (even empty) over the default', () => {
    expect(renderUser('[{{tone}}]', [v('tone', 'string', { default: 'calm' })], { tone: '' }).user).toBe('[]');
  });

  it('renders an optional variable without value or default as empty and omits it from values', () => {
    const result = renderUser('a{{ x }}b', [v('x', 'string', { required: false })], {});
    expect(result).toEqual({ system: '', user: 'ab', values: {} });
  });

  it('reports a missing required variable by name', () => {
    expect(issuesOf(() => renderUser('{{ topic }}', [v('topic')], {}))).toEqual([
      { variable: 'topic', message: 'variable `topic` is required' },
    ]);
    expect(issuesOf(() => renderUser('{{ topic }}', [v('topic')], { topic: null }))).toEqual([
      { variable: 'topic', message: 'variable `topic` is required' },
    ]);
  });

  it('reports a default of the wrong type', () => {
    expect(issuesOf(() => renderUser('{{ n }}', [v('n', 'number', { default: 'lots' })], {}))).toEqual([
      { variable: 'n', message: 'default for `n` must be a number' },
    ]);
  });
});

describe('renderPrompt: type coercion', () => {
  it.each([
    [5, '5'],
    [2.5, '2.5'],
    [true, 'true'],
    [false, 'false'],
  ])('string: takes the number or boolean %j as its text %j', (input, text) => {
    expect(renderUser('n={{ s }}', [v('s')], { s: input })).toEqual({ system: '', user: `n=${text}`, values: { s: text } });
  });

  it.each([[{ a: 1 }, 'an object'], [[1], 'an array'], [Number.NaN, 'NaN']])('string: refuses %j', (input, shown) => {
    expect(issuesOf(() => renderUser('{{ s }}', [v('s')], { s: input }))).toEqual([
      { variable: 's', message: `variable \`s\` must be a string, got ${shown}` },
    ]);
  });

  it.each([
    [42, '42', 42],
    [-1.5, '-1.5', -1.5],
    [0, '0', 0],
    [' 12 ', '12', 12],
    ['3.50', '3.5', 3.5],
    ['1e3', '1000', 1000],
    ['-.5', '-0.5', -0.5],
  ])('number: accepts %j and renders %j', (input, text, value) => {
    expect(renderUser('{{ n }}', [v('n', 'number')], { n: input })).toEqual({ system: '', user: text, values: { n: value } });
  });

  it.each([['abc'], [''], ['  '], ['12abc'], ['0x10'], ['Infinity'], [Number.NaN], [Number.POSITIVE_INFINITY], [true], [[1]]])(
    'number: rejects %j',
    (input) => {
      const issues = issuesOf(() => renderUser('{{ n }}', [v('n', 'number')], { n: input }));
      expect(issues).toHaveLength(1);
      expect(issues[0]?.variable).toBe('n');
      expect(issues[0]?.message).toMatch(/^variable `n` must be a number, got /);
    },
  );

  it('number: the rejection message shows the bad value', () => {
    expect(issuesOf(() => renderUser('{{ n }}', [v('n', 'number')], { n: 'abc' }))[0]?.message).toBe(
      'variable `n` must be a number, got the string "abc"',
    );
  });

  it('number: decimal check stays fast on long adversarial digit strings', () => {
    const issues = issuesOf(() => renderUser('{{ n }}', [v('n', 'number')], { n: `${'1'.repeat(100_000)}x` }));
    expect(issues[0]?.variable).toBe('n');
  });

  it.each([
    [true, 'true', true],
    [false, 'false', false],
    ['true', 'true', true],
    ['false', 'false', false],
    [' true ', 'true', true],
  ])('boolean: accepts %j', (input, text, value) => {
    expect(renderUser('{{ b }}', [v('b', 'boolean')], { b: input })).toEqual({ system: '', user: text, values: { b: value } });
  });

  it.each([['yes'], [1], [0], ['TRUE'], ['']])('boolean: rejects %j', (input) => {
    const issues = issuesOf(() => renderUser('{{ b }}', [v('b', 'boolean')], { b: input }));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/^variable `b` must be a boolean \(true or false\), got /);
  });

  it.each([
    [{ a: [1, 'x', null] }, '{"a":[1,"x",null]}', { a: [1, 'x', null] }],
    [[1, 2], '[1,2]', [1, 2]],
    [7, '7', 7],
    [false, 'false', false],
    ['{"k": true}', '{"k":true}', { k: true }],
    ['"quoted"', '"quoted"', 'quoted'],
    [' [1, 2] ', '[1,2]', [1, 2]],
  ])('json: accepts %j', (input, text, value) => {
    expect(renderUser('{{ j }}', [v('j', 'json')], { j: input })).toEqual({ system: '', user: text, values: { j: value } });
  });

  it('json: a json default of null renders as null', () => {
    expect(renderUser('{{ j }}', [v('j', 'json', { default: null })], {}).user).toBe('null');
  });

  it('json: rejects invalid JSON text and non-serialisable values', () => {
    const vars = [v('a', 'json'), v('b', 'json'), v('c', 'json')];
    const issues = issuesOf(() => renderUser('{{a}}{{b}}{{c}}', vars, { a: '{bad', b: { d: new Date(0) }, c: () => 1 }));
    expect(issues).toEqual([
      { variable: 'a', message: 'variable `a` must be a JSON value, got the string "{bad"' },
      { variable: 'b', message: 'variable `b` must be a JSON value, got an object' },
      { variable: 'c', message: 'variable `c` must be a JSON value, got a function' },
    ]);
  });
});

describe('renderPrompt: errors', () => {
  it('reports values for undeclared names', () => {
    expect(issuesOf(() => renderUser('{{ a }}', [v('a')], { a: 'ok', x: 1 }))).toEqual([
      { variable: 'x', message: 'unknown variable `x`: declare it or remove it' },
    ]);
  });

  it('reports placeholders that are not declared (once per name)', () => {
    const issues = issuesOf(() =>
      renderPrompt({ systemPrompt: '{{ ghost }}', userPrompt: '{{ ghost }} {{ a }}', variables: [v('a')] }, { a: 'x' }),
    );
    expect(issues).toEqual([{ variable: 'ghost', message: 'variable `ghost` is used in the template but not declared' }]);
  });

  it('reports syntax errors with the template they are in', () => {
    const issues = issuesOf(() =>
      renderPrompt({ systemPrompt: 'ok', userPrompt: 'a\n{{ 1abc }}', variables: [] }, {}),
    );
    expect(issues).toEqual([
      {
        variable: '',
        message:
          'user prompt: `{{ 1abc }}` on line 2 is not a valid placeholder: names start with a letter or _ and contain letters, digits and _; write \\{{ for a literal {{',
      },
    ]);
  });

  it('reports duplicate declarations', () => {
    expect(issuesOf(() => renderUser('{{ a }}', [v('a'), v('a', 'number')], { a: 'x' }))).toEqual([
      { variable: 'a', message: 'variable `a` is declared more than once' },
    ]);
  });

  it('collects all issues into one error joined with "; "', () => {
    let caught: unknown;
    try {
      renderPrompt(
        { systemPrompt: '{{ }}', userPrompt: '{{ topic }} {{ n }} {{ missing }}', variables: [v('topic'), v('n', 'number')] },
        { n: 'many', extra: true },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateRenderError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as TemplateRenderError;
    expect(error.name).toBe('TemplateRenderError');
    expect(error.issues.map((i) => i.variable)).toEqual(['', 'extra', 'missing', 'topic', 'n']);
    expect(error.message).toBe(
      [
        'system prompt: `{{ }}` on line 1 is not a valid placeholder: names start with a letter or _ and contain letters, digits and _; write \\{{ for a literal {{',
        'unknown variable `extra`: declare it or remove it',
        'variable `missing` is used in the template but not declared',
        'variable `topic` is required',
        'variable `n` must be a number, got the string "many"',
      ].join('; '),
    );
  });
});

describe('renderPrompt: prototype-named variables', () => {
  const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

  it('renders them like any other name', () => {
    const template = names.map((n) => `{{ ${n} }}`).join(',');
    // JSON.parse creates an own `__proto__` property instead of setting the prototype.
    const values = JSON.parse('{"__proto__":"p","constructor":"c","toString":"t","hasOwnProperty":"h","valueOf":"v"}') as Record<
      string,
      unknown
    >;
    const result = renderUser(template, names.map((n) => v(n)), values);
    expect(result.user).toBe('p,c,t,h,v');
    expect(Object.keys(result.values)).toEqual(names);
    expect(Object.hasOwn(result.values, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(result.values)).toBe(Object.prototype);
  });

  it('treats them as missing when not provided (no prototype lookup)', () => {
    const issues = issuesOf(() => renderUser('{{ constructor }}{{ toString }}{{ __proto__ }}', names.slice(0, 3).map((n) => v(n)), {}));
    expect(issues).toEqual([
      { variable: '__proto__', message: 'variable `__proto__` is required' },
      { variable: 'constructor', message: 'variable `constructor` is required' },
      { variable: 'toString', message: 'variable `toString` is required' },
    ]);
  });

  it('renders optional prototype names as empty, not as Object.prototype members', () => {
    const vars = ['constructor', 'toString'].map((n) => v(n, 'string', { required: false }));
    expect(renderUser('[{{ constructor }}][{{ toString }}]', vars, {}).user).toBe('[][]');
  });

  it('reports undeclared prototype-named values', () => {
    const values = JSON.parse('{"__proto__": 1, "constructor": 2}') as Record<string, unknown>;
    expect(issuesOf(() => renderUser('', [], values))).toEqual([
      { variable: '__proto__', message: 'unknown variable `__proto__`: declare it or remove it' },
      { variable: 'constructor', message: 'unknown variable `constructor`: declare it or remove it' },
    ]);
  });
});
