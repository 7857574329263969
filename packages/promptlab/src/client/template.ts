import { PromptLabError, type FieldError } from './errors.js';
import type { RenderedPrompt, ResolvedPrompt, TemplateMessage, VariableInput } from './types.js';

/*
 * Local rendering with the server's rules (lib/templates): `{{ name }}` (blanks allowed inside the braces), `\{{` for
 * a literal `{{`, in `{{{x}}}` the last two braces open; declared variables only, required unless a default applies,
 * values coerced to the declared type; inserted values are never parsed again. Problems come together as one
 * INVALID_INPUT error naming `variables.<name>`, as a run would answer.
 */

type Segment = { text: string } | { name: string };

const NAME = /^[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*\}\}/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Segments, and whether an invalid `{{` was seen (the server refuses to render such a template). */
function parse(template: string): { segments: Segment[]; invalid: boolean } {
  const segments: Segment[] = [];
  let invalid = false;
  let text = '';
  let cursor = 0;
  let p = template.indexOf('{{');
  while (p !== -1) {
    if (p > cursor && template[p - 1] === '\\') {
      text += `${template.slice(cursor, p - 1)}{{`;
      cursor = p + 2;
      p = template.indexOf('{{', cursor);
      continue;
    }
    let open = p;
    while (template[open + 2] === '{') open++;
    const match = NAME.exec(template.slice(open + 2, open + 2 + 300));
    if (match?.[1]) {
      text += template.slice(cursor, open);
      if (text) segments.push({ text });
      text = '';
      segments.push({ name: match[1] });
      cursor = open + 2 + match[0].length;
      p = template.indexOf('{{', cursor);
    } else {
      invalid = true;
      p = template.indexOf('{{', open + 2);
    }
  }
  text += template.slice(cursor);
  if (text) segments.push({ text });
  return { segments, invalid };
}

function coerce(def: VariableInput, raw: unknown): { ok: true; text: string } | { ok: false } {
  switch (def.type ?? 'string') {
    case 'string':
      if (typeof raw === 'string') return { ok: true, text: raw };
      return typeof raw === 'boolean' || (typeof raw === 'number' && Number.isFinite(raw)) ? { ok: true, text: String(raw) } : { ok: false };
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && DECIMAL.test(raw.trim()) ? Number(raw.trim()) : NaN;
      return Number.isFinite(n) ? { ok: true, text: String(n) } : { ok: false };
    }
    case 'boolean': {
      const v = typeof raw === 'string' ? raw.trim() : raw;
      return v === true || v === 'true' ? { ok: true, text: 'true' } : v === false || v === 'false' ? { ok: true, text: 'false' } : { ok: false };
    }
    case 'json': {
      try {
        return { ok: true, text: JSON.stringify(typeof raw === 'string' ? JSON.parse(raw) : raw) };
      } catch {
        return { ok: false };
      }
    }
    default:
      return { ok: false };
  }
}

/** The placeholder names of templates, in order of first use. */
export function placeholderNames(templates: string[]): string[] {
  const names = templates.flatMap((template) => parse(template).segments.flatMap((s) => ('name' in s ? [s.name] : [])));
  return [...new Set(names)];
}

const TYPE_PHRASES: Record<string, string> = { string: 'a string', number: 'a number', boolean: 'a boolean (true or false)', json: 'a JSON value' };

/** The prompt's turns: its chat messages, or [system, user] (no system turn when it is empty). */
export function turnsOf(prompt: Pick<ResolvedPrompt, 'systemPrompt' | 'userPrompt' | 'messages'>): TemplateMessage[] {
  if (prompt.messages) return prompt.messages;
  return [...(prompt.systemPrompt ? [{ role: 'system' as const, content: prompt.systemPrompt }] : []), { role: 'user', content: prompt.userPrompt }];
}

/** Renders the turns with `values`; throws PromptLabError INVALID_INPUT listing every problem. */
export function renderTurns(turns: TemplateMessage[], variables: VariableInput[], values: Record<string, unknown>): TemplateMessage[] {
  const fields: FieldError[] = [];
  const problems: string[] = [];
  const defs = new Map(variables.map((def) => [def.name, def]));
  for (const name of Object.keys(values)) {
    if (!defs.has(name)) fields.push({ path: `variables.${name}`, message: `unknown variable \`${name}\`: declare it or remove it` });
  }
  const parsed = turns.map((turn, index) => {
    const { segments, invalid } = parse(turn.content);
    if (invalid) problems.push(`message ${index + 1} (${turn.role}): a \`{{\` is not a valid placeholder: write {{ name }} for a placeholder or \\{{ for a literal {{`);
    return { role: turn.role, segments };
  });
  const used = new Set(parsed.flatMap((turn) => turn.segments.flatMap((s) => ('name' in s ? [s.name] : []))));
  for (const name of used) {
    if (!defs.has(name)) fields.push({ path: `variables.${name}`, message: `variable \`${name}\` is used in the template but not declared` });
  }
  const rendered = new Map<string, string>();
  for (const def of defs.values()) {
    const raw = Object.hasOwn(values, def.name) ? values[def.name] : undefined;
    const missing = raw === undefined || raw === null;
    if (missing && def.default === undefined) {
      if (def.required ?? true) fields.push({ path: `variables.${def.name}`, message: `variable \`${def.name}\` is required` });
      else rendered.set(def.name, '');
      continue;
    }
    const result = coerce(def, missing ? def.default : raw);
    if (!result.ok) fields.push({ path: `variables.${def.name}`, message: `variable \`${def.name}\` must be ${TYPE_PHRASES[def.type ?? 'string']}` });
    else rendered.set(def.name, result.text);
  }
  if (fields.length > 0 || problems.length > 0) {
    throw new PromptLabError('INVALID_INPUT', [...problems, ...fields.map((f) => f.message)].join('; '), { status: 422, fields });
  }
  return parsed.map((turn) => ({ role: turn.role, content: turn.segments.map((s) => ('name' in s ? (rendered.get(s.name) ?? '') : s.text)).join('') }));
}

/** The rendered prompt in the OpenAI and the Anthropic shapes, as the server's render answers it. */
export function compilePrompt(prompt: ResolvedPrompt, values: Record<string, unknown> = {}): RenderedPrompt {
  // Turns that render empty are dropped, as runs drop them: providers refuse or misread them.
  const messages = renderTurns(turnsOf(prompt), prompt.variables, values).filter((turn) => turn.content.trim() !== '');
  const systems = messages.filter((turn) => turn.role === 'system').map((turn) => turn.content);
  const conversation = messages.flatMap((turn) => (turn.role === 'system' ? [] : [{ role: turn.role, content: turn.content }]));
  // No `system` without a system turn, as the server answers it (and as the Anthropic provider sends it).
  const anthropic = { ...(systems.length > 0 ? { system: systems.join('\n\n') } : {}), messages: conversation };
  return { versionNumber: prompt.versionNumber, label: prompt.label, openai: { messages }, anthropic, model: prompt.model };
}
