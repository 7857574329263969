import { describe, expect, it } from 'vitest';
import { renderMessages, TemplateRenderError, type VariableDef } from '@/lib/templates';
import { compilePrompt, PromptLabError, type ResolvedPrompt } from '@/packages/promptlab/src/index';

// The SDK's local `compile` must render what the server renders (lib/templates), and refuse what it refuses.
const vars = (...defs: Partial<VariableDef>[]): VariableDef[] => defs.map((d) => ({ name: 'x', type: 'string', required: true, ...d }) as VariableDef);

const cases: { name: string; template: string; variables: VariableDef[]; values: Record<string, unknown> }[] = [
  { name: 'spaces and tabs inside braces', template: 'a {{x}} b {{ x }} c {{\tx\t}}', variables: vars({}), values: { x: 'X' } },
  { name: 'escaped braces', template: 'literal \\{{ x }} and {{ x }}', variables: vars({}), values: { x: 'X' } },
  { name: 'triple braces', template: '{{{x}}} and {{{{ x }}}}', variables: vars({}), values: { x: 'X' } },
  { name: 'values are not parsed again', template: '{{ x }}', variables: vars({}), values: { x: '{{ x }}' } },
  { name: 'optional and defaults', template: '[{{ x }}][{{ y }}]', variables: vars({ required: false }, { name: 'y', default: 'dflt' }), values: {} },
  { name: 'number and boolean coercion', template: '{{ n }} {{ b }} {{ s }}', variables: vars({ name: 'n', type: 'number' }, { name: 'b', type: 'boolean' }, { name: 's' }), values: { n: ' 2.50 ', b: 'true', s: 3 } },
  { name: 'json values', template: '{{ j }} {{ k }}', variables: vars({ name: 'j', type: 'json' }, { name: 'k', type: 'json' }), values: { j: '{"a": [1, 2]}', k: { b: null } } },
  { name: 'unicode', template: 'héllo {{ x }} 👋', variables: vars({}), values: { x: 'wörld' } },
];

const failing: { name: string; template: string; variables: VariableDef[]; values: Record<string, unknown> }[] = [
  { name: 'missing required', template: '{{ x }}', variables: vars({}), values: {} },
  { name: 'unknown variable', template: '{{ x }}', variables: vars({}), values: { x: 'a', nope: 1 } },
  { name: 'undeclared placeholder', template: '{{ x }} {{ other }}', variables: vars({}), values: { x: 'a' } },
  { name: 'bad number', template: '{{ n }}', variables: vars({ name: 'n', type: 'number' }), values: { n: '0x10' } },
  { name: 'bad boolean', template: '{{ b }}', variables: vars({ name: 'b', type: 'boolean' }), values: { b: 'yes' } },
  { name: 'invalid placeholders', template: '{{ x }} {{ 1x }} {{ x y }} {{ x', variables: vars({}), values: { x: 'X' } },
  { name: 'bad json', template: '{{ j }}', variables: vars({ name: 'j', type: 'json' }), values: { j: '{nope' } },
];

const promptOf = (template: string, variables: VariableDef[]): ResolvedPrompt => ({
  id: 'p', slug: 's', title: 't', versionNumber: 1, label: null, systemPrompt: '', userPrompt: template, messages: null, variables, model: { provider: 'local', model: 'm' }, etag: 'e',
});

describe('SDK compile matches the server templates', () => {
  it.each(cases)('$name', ({ template, variables, values }) => {
    const server = renderMessages([{ role: 'user', content: template }], variables, values).messages;
    expect(compilePrompt(promptOf(template, variables), values).openai.messages).toEqual(server);
  });

  it.each(failing)('refuses: $name', ({ template, variables, values }) => {
    let serverVariables: string[] | null = null;
    try {
      renderMessages([{ role: 'user', content: template }], variables, values);
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      // As runs answer them: syntax errors belong to no variable, so only named issues become fields.
      serverVariables = error.issues.filter((issue) => issue.variable).map((issue) => `variables.${issue.variable}`);
    }
    let sdkFields: string[] | null = null;
    try {
      compilePrompt(promptOf(template, variables), values);
    } catch (error) {
      if (!(error instanceof PromptLabError)) throw error;
      expect(error.code).toBe('INVALID_INPUT');
      sdkFields = error.fields.map((field) => field.path);
    }
    expect(serverVariables).not.toBeNull();
    expect(sdkFields?.sort()).toEqual(serverVariables?.sort());
  });
});
