import { parseTemplate, type ParsedTemplate } from '@/lib/templates/parse-template';
import { isJsonValue, TYPE_PHRASES, type VariableDef } from '@/lib/templates/variable-schema';
import { unsafeTextReason } from '@/lib/unsafe-text';

/** `variable` is '' for template syntax errors, which belong to no single variable. */
export type RenderIssue = { variable: string; message: string };

/** Issues beyond this are counted, not listed: a body with 100,000 unknown keys must not answer 4 MB. */
export const MAX_RENDER_ISSUES = 20;
// Names are echoed in messages; a 100 KB key is shown by its start.
const NAME_SHOWN_CHARS = 64;

export class TemplateRenderError extends Error {
  readonly issues: RenderIssue[];

  constructor(issues: RenderIssue[], more = 0) {
    super(issues.map((issue) => issue.message).join('; ') + (more > 0 ? `; and ${more} more` : ''));
    this.name = 'TemplateRenderError';
    this.issues = issues;
  }
}

/** The rendered messages would exceed `maxRenderedBytes`; thrown before any of them is built. */
export class RenderTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `the rendered prompt would be ${bytes.toLocaleString('en-US')} bytes, over the limit of ${limit.toLocaleString('en-US')} bytes: shorten the variable values or the template`,
    );
    this.name = 'RenderTooLargeError';
  }
}

export type RenderInput = { systemPrompt: string; userPrompt: string; variables: VariableDef[] };
export type RenderOptions = {
  /** Largest UTF-8 size of both rendered prompts together; past it RenderTooLargeError, before anything is built. */
  maxRenderedBytes?: number;
};
export type RenderResult = {
  system: string;
  user: string;
  /** Resolved values after defaults and coercion; missing optional variables are omitted. */
  values: Record<string, unknown>;
};

/** `unsafe`: the value has the type but holds text that cannot be stored (a reason, for the message). */
type Coerced = { ok: true; value: unknown; text: string } | { ok: false; unsafe?: string };

// Decimal only (no hex/Infinity); no nested quantifiers over the same characters, so no backtracking blow-up.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Converts a raw value to the declared type and its rendered text, or fails. */
function coerce(type: VariableDef['type'], raw: unknown): Coerced {
  switch (type) {
    case 'string':
      return typeof raw === 'string' ? { ok: true, value: raw, text: raw } : { ok: false };
    case 'number': {
      let n: number | undefined;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string' && DECIMAL.test(raw.trim())) n = Number(raw.trim());
      return n !== undefined && Number.isFinite(n) ? { ok: true, value: n, text: String(n) } : { ok: false };
    }
    case 'boolean': {
      const v = typeof raw === 'string' ? raw.trim() : raw;
      const b = v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
      return b === undefined ? { ok: false } : { ok: true, value: b, text: String(b) };
    }
    case 'json': {
      // Strings are JSON source (form input); pass '"text"' to supply a JSON string value.
      let value = raw;
      if (typeof raw === 'string') {
        try {
          value = JSON.parse(raw) as unknown;
        } catch {
          return { ok: false };
        }
      }
      if (!isJsonValue(value)) return { ok: false };
      // JSON.parse turns an escaped "\u0000" or lone "\ud800", harmless in the request, into the real character.
      const unsafe = unsafeJsonText(value, '');
      return unsafe ? { ok: false, unsafe } : { ok: true, value, text: JSON.stringify(value) };
    }
  }
}

/** Where a JSON value holds a string or key that is not storable text, and why; null when it holds none. */
function unsafeJsonText(value: unknown, path: string): string | null {
  const at = (where: string) => (where ? ` at \`${shownName(where)}\`` : '');
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    return reason ? `the string${at(path)} ${reason}` : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (!Array.isArray(value)) {
      const reason = unsafeTextReason(key);
      if (reason) return `a field name${at(path)} ${reason}`;
    }
    const found = unsafeJsonText(child, childPath);
    if (found) return found;
  }
  return null;
}

const shownName = (name: string) => (name.length > NAME_SHOWN_CHARS ? `${name.slice(0, NAME_SHOWN_CHARS)}…` : name);

/** The UTF-8 size of a parsed template once rendered, computed from segment and value sizes alone. */
function renderedBytes(parsed: ParsedTemplate, rendered: ReadonlyMap<string, string>, valueBytes: Map<string, number>): number {
  let bytes = 0;
  for (const segment of parsed.segments) {
    if (segment.kind === 'text') {
      bytes += Buffer.byteLength(segment.text, 'utf8');
      continue;
    }
    let size = valueBytes.get(segment.name);
    if (size === undefined) {
      size = Buffer.byteLength(rendered.get(segment.name) ?? '', 'utf8');
      valueBytes.set(segment.name, size);
    }
    bytes += size;
  }
  return bytes;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Validates `values` against the declared variables and substitutes them into both prompts.
 * Pure string substitution: inserted values are never parsed again, so `{{ x }}` inside a
 * value stays literal. All problems are collected and thrown together as TemplateRenderError (the first
 * MAX_RENDER_ISSUES of them listed); a result larger than `maxRenderedBytes` throws RenderTooLargeError instead
 * of being built.
 */
export function renderPrompt(input: RenderInput, values: Record<string, unknown>, options: RenderOptions = {}): RenderResult {
  const listed: RenderIssue[] = [];
  let unlisted = 0;
  const issues = {
    push(issue: RenderIssue) {
      if (listed.length < MAX_RENDER_ISSUES) listed.push(issue);
      else unlisted += 1;
    },
    get length() {
      return listed.length + unlisted;
    },
  };
  const system = parseTemplate(input.systemPrompt);
  const user = parseTemplate(input.userPrompt);
  const templates = [
    ['system prompt', system],
    ['user prompt', user],
  ] as const;
  for (const [label, parsed] of templates) {
    for (const error of parsed.errors) issues.push({ variable: '', message: `${label}: ${error.message}` });
  }

  // Maps and Object.hasOwn only: names like `__proto__` or `toString` must not reach the prototype chain.
  const defs = new Map<string, VariableDef>();
  for (const def of input.variables) {
    if (defs.has(def.name)) issues.push({ variable: def.name, message: `variable \`${def.name}\` is declared more than once` });
    else defs.set(def.name, def);
  }

  for (const name of Object.keys(values)) {
    if (!defs.has(name)) issues.push({ variable: name, message: `unknown variable \`${shownName(name)}\`: declare it or remove it` });
  }

  const reported = new Set<string>();
  for (const [, parsed] of templates) {
    for (const name of parsed.variables) {
      if (!defs.has(name) && !reported.has(name)) {
        reported.add(name);
        issues.push({ variable: name, message: `variable \`${name}\` is used in the template but not declared` });
      }
    }
  }

  const resolved = new Map<string, unknown>();
  const rendered = new Map<string, string>();
  for (const def of defs.values()) {
    const raw = Object.hasOwn(values, def.name) ? values[def.name] : undefined;
    const missing = raw === undefined || raw === null;
    if (missing && def.default === undefined) {
      if (def.required) issues.push({ variable: def.name, message: `variable \`${def.name}\` is required` });
      else rendered.set(def.name, '');
      continue;
    }
    const result = coerce(def.type, missing ? def.default : raw);
    if (!result.ok) {
      const subject = missing ? `default for \`${def.name}\`` : `variable \`${def.name}\``;
      let message = `${subject} must be ${TYPE_PHRASES[def.type]}${missing ? '' : `, got ${describe(raw)}`}`;
      if (result.unsafe) message = `${subject}: ${result.unsafe}`;
      issues.push({ variable: def.name, message });
      continue;
    }
    resolved.set(def.name, result.value);
    rendered.set(def.name, result.text);
  }

  if (issues.length > 0) throw new TemplateRenderError(listed, unlisted);

  if (options.maxRenderedBytes !== undefined) {
    const valueBytes = new Map<string, number>();
    const bytes = renderedBytes(system, rendered, valueBytes) + renderedBytes(user, rendered, valueBytes);
    if (bytes > options.maxRenderedBytes) throw new RenderTooLargeError(bytes, options.maxRenderedBytes);
  }

  const substitute = (parsed: ParsedTemplate) =>
    parsed.segments.map((s) => (s.kind === 'text' ? s.text : (rendered.get(s.name) ?? ''))).join('');

  return {
    system: substitute(system),
    user: substitute(user),
    // fromEntries defines own properties, so a `__proto__` key stays data instead of setting the prototype.
    values: Object.fromEntries(resolved),
  };
}
