/**
 * Template syntax: `{{ name }}` placeholders (spaces/tabs allowed inside the braces) and
 * `\{{` for a literal `{{`. Implemented as a single forward scan with indexOf (no regex),
 * so adversarial input such as megabytes of `{{{{` or `{{ ` stays linear.
 */

export type TextSegment = {
  kind: 'text';
  /** Rendered text: escape backslashes are already dropped, so it can be shorter than end - start. */
  text: string;
  start: number;
  end: number;
};
export type VariableSegment = { kind: 'variable'; name: string; raw: string; start: number; end: number };
export type Segment = TextSegment | VariableSegment;

export type TemplateSyntaxError = {
  message: string;
  /** UTF-16 offset of the offending `{{` in the source. */
  index: number;
  /** 1-based. */
  line: number;
  /** 1-based, counted in code points so an emoji counts as one column. */
  column: number;
};

export type ParsedTemplate = { segments: Segment[]; variables: string[]; errors: TemplateSyntaxError[] };

/** Errors beyond this are dropped: enough for an editor, and keeps hostile input from allocating millions. */
export const MAX_SYNTAX_ERRORS = 100;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
// How far to look for a closing `}}` when wording an error (bounded so errors stay O(1)).
const ERROR_LOOKAHEAD = 80;
const SNIPPET_MAX = 40;

const isBlank = (c: number) => c === 0x20 || c === 0x09;
const isNameStart = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isNameChar = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39);
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

const ESCAPE_HINT = 'write \\{{ for a literal {{';

// Line/column lookups only ever move forward, so all of them together cost one pass over the text.
function createLocator(text: string) {
  let pos = 0;
  let line = 1;
  let column = 1;
  return (index: number): { line: number; column: number } => {
    for (; pos < index; pos++) {
      const c = text.charCodeAt(pos);
      if (c === NEWLINE) {
        line++;
        column = 1;
      } else if (!(isLowSurrogate(c) && pos > 0 && isHighSurrogate(text.charCodeAt(pos - 1)))) {
        column++;
      }
    }
    return { line, column };
  };
}

type ScanResult = { ok: true; name: string; end: number } | { ok: false };

/** Tries to read `{{ name }}` starting at `open` (which points at `{{`). */
function scanPlaceholder(text: string, open: number): ScanResult {
  let i = open + 2;
  while (isBlank(text.charCodeAt(i))) i++;
  const nameStart = i;
  if (isNameStart(text.charCodeAt(i))) {
    i++;
    while (isNameChar(text.charCodeAt(i))) i++;
  }
  const nameEnd = i;
  while (isBlank(text.charCodeAt(i))) i++;
  if (nameEnd > nameStart && text.charCodeAt(i) === CLOSE_BRACE && text.charCodeAt(i + 1) === CLOSE_BRACE) {
    return { ok: true, name: text.slice(nameStart, nameEnd), end: i + 2 };
  }
  return { ok: false };
}

function describeInvalid(text: string, open: number, line: number): string {
  const limit = Math.min(text.length, open + ERROR_LOOKAHEAD);
  let lineEnd = limit;
  for (let i = open + 2; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      lineEnd = i;
      break;
    }
    if (c === CLOSE_BRACE && text.charCodeAt(i + 1) === CLOSE_BRACE) {
      return `\`${text.slice(open, i + 2)}\` on line ${line} is not a valid placeholder: names start with a letter or _ and contain letters, digits and _; ${ESCAPE_HINT}`;
    }
  }
  let snippet = text.slice(open, Math.min(lineEnd, open + SNIPPET_MAX)).trimEnd();
  if (lineEnd > open + SNIPPET_MAX) snippet += '…';
  return `\`${snippet}\` on line ${line} is not closed: write {{ name }} for a placeholder or ${ESCAPE_HINT}`;
}

export function parseTemplate(text: string): ParsedTemplate {
  const segments: Segment[] = [];
  const variables: string[] = [];
  const seen = new Set<string>();
  const errors: TemplateSyntaxError[] = [];
  const locate = createLocator(text);

  // Pending text is accumulated in parts because escapes drop a character mid-run.
  const parts: string[] = [];
  let pendingStart = 0;
  let cursor = 0; // first source offset not yet copied into `parts`

  const flushText = (end: number) => {
    if (end > pendingStart) segments.push({ kind: 'text', text: parts.join(''), start: pendingStart, end });
    parts.length = 0;
  };

  let p = text.indexOf('{{');
  while (p !== -1) {
    if (p > cursor && text.charCodeAt(p - 1) === BACKSLASH) {
      parts.push(text.slice(cursor, p - 1), '{{');
      cursor = p + 2;
      p = text.indexOf('{{', cursor);
      continue;
    }
    // In a run like `{{{x}}}` the last two braces open the placeholder; earlier ones are literal.
    let runEnd = p + 2;
    while (text.charCodeAt(runEnd) === OPEN_BRACE) runEnd++;
    const open = runEnd - 2;
    const result = scanPlaceholder(text, open);
    if (result.ok) {
      parts.push(text.slice(cursor, open));
      flushText(open);
      segments.push({ kind: 'variable', name: result.name, raw: text.slice(open, result.end), start: open, end: result.end });
      if (!seen.has(result.name)) {
        seen.add(result.name);
        variables.push(result.name);
      }
      cursor = pendingStart = result.end;
      p = text.indexOf('{{', cursor);
    } else {
      // Invalid: report it and leave it in the pending text run untouched.
      if (errors.length < MAX_SYNTAX_ERRORS) {
        const { line, column } = locate(open);
        errors.push({ message: describeInvalid(text, open, line), index: open, line, column });
      }
      p = text.indexOf('{{', runEnd);
    }
  }
  parts.push(text.slice(cursor));
  flushText(text.length);

  return { segments, variables, errors };
}

/** Unique placeholder names in order of first use (invalid placeholders are ignored). */
export function extractVariables(text: string): string[] {
  return parseTemplate(text).variables;
}
