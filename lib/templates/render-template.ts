import { coerce, describe, shownName } from '@/lib/templates/coerce-value';
import { parseTemplate, type ParsedTemplate } from '@/lib/templates/parse-template';
import { TYPE_PHRASES, type VariableDef } from '@/lib/templates/variable-schema';

/** `variable` is '' for template syntax errors, which belong to no single variable. */
export type RenderIssue = { variable: string; message: string };

/** Issues beyond this are counted, not listed: a body with 100,000 unknown keys must not answer 4 MB. */
export const MAX_RENDER_ISSUES = 20;

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
  /** Largest UTF-8 size of all rendered templates together; past it RenderTooLargeError, before anything is built. */
  maxRenderedBytes?: number;
};
export type RenderResult = {
  system: string;
  user: string;
  /** Resolved values after defaults and coercion; missing optional variables are omitted. */
  values: Record<string, unknown>;
};
/** One turn of a chat template (or of its rendering). */
export type TemplateTurn<R extends string = string> = { role: R; content: string };

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

/** Collects issues, listing the first MAX_RENDER_ISSUES and counting the rest. */
function issueList() {
  const listed: RenderIssue[] = [];
  let unlisted = 0;
  return {
    push(issue: RenderIssue) {
      if (listed.length < MAX_RENDER_ISSUES) listed.push(issue);
      else unlisted += 1;
    },
    get length() {
      return listed.length + unlisted;
    },
    error: () => new TemplateRenderError(listed, unlisted),
  };
}

/** Renders labelled templates with one set of values: the texts in order, and the resolved values. */
function renderTemplates(
  templates: readonly { label: string; text: string }[],
  variables: VariableDef[],
  values: Record<string, unknown>,
  options: RenderOptions,
): { texts: string[]; values: Record<string, unknown> } {
  const issues = issueList();
  const parsed = templates.map(({ label, text }) => ({ label, parsed: parseTemplate(text) }));
  for (const { label, parsed: template } of parsed) {
    for (const error of template.errors) issues.push({ variable: '', message: `${label}: ${error.message}` });
  }

  // Maps and Object.hasOwn only: names like `__proto__` or `toString` must not reach the prototype chain.
  const defs = new Map<string, VariableDef>();
  for (const def of variables) {
    if (defs.has(def.name)) issues.push({ variable: def.name, message: `variable \`${def.name}\` is declared more than once` });
    else defs.set(def.name, def);
  }

  for (const name of Object.keys(values)) {
    if (!defs.has(name)) issues.push({ variable: name, message: `unknown variable \`${shownName(name)}\`: declare it or remove it` });
  }

  const reported = new Set<string>();
  for (const { parsed: template } of parsed) {
    for (const name of template.variables) {
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

  if (issues.length > 0) throw issues.error();

  if (options.maxRenderedBytes !== undefined) {
    const valueBytes = new Map<string, number>();
    let bytes = 0;
    for (const { parsed: template } of parsed) bytes += renderedBytes(template, rendered, valueBytes);
    if (bytes > options.maxRenderedBytes) throw new RenderTooLargeError(bytes, options.maxRenderedBytes);
  }

  const substitute = (template: ParsedTemplate) =>
    template.segments.map((s) => (s.kind === 'text' ? s.text : (rendered.get(s.name) ?? ''))).join('');

  return {
    texts: parsed.map(({ parsed: template }) => substitute(template)),
    // fromEntries defines own properties, so a `__proto__` key stays data instead of setting the prototype.
    values: Object.fromEntries(resolved),
  };
}

/**
 * Validates `values` against the declared variables and substitutes them into both prompts.
 * Pure string substitution: inserted values are never parsed again, so `{{ x }}` inside a
 * value stays literal. All problems are collected and thrown together as TemplateRenderError (the first
 * MAX_RENDER_ISSUES of them listed); a result larger than `maxRenderedBytes` throws RenderTooLargeError instead
 * of being built.
 */
export function renderPrompt(input: RenderInput, values: Record<string, unknown>, options: RenderOptions = {}): RenderResult {
  const templates = [
    { label: 'system prompt', text: input.systemPrompt },
    { label: 'user prompt', text: input.userPrompt },
  ];
  const { texts, values: resolved } = renderTemplates(templates, input.variables, values, options);
  return { system: texts[0] ?? '', user: texts[1] ?? '', values: resolved };
}

/**
 * renderPrompt for a chat template: every turn rendered with the same values, the same issues and one byte cap
 * over all turns together. Syntax errors are labelled by turn ("message 2: …", counted from 1).
 */
export function renderMessages<R extends string>(
  templates: readonly TemplateTurn<R>[],
  variables: VariableDef[],
  values: Record<string, unknown>,
  options: RenderOptions = {},
): { messages: TemplateTurn<R>[]; values: Record<string, unknown> } {
  const labelled = templates.map((turn, index) => ({ label: `message ${index + 1} (${turn.role})`, text: turn.content }));
  const { texts, values: resolved } = renderTemplates(labelled, variables, values, options);
  return { messages: templates.map((turn, index) => ({ role: turn.role, content: texts[index] ?? '' })), values: resolved };
}
