import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';

// A run of `{`, optional blanks, and the start of a name, ending at the cursor (a placeholder never spans a line).
const OPEN_BEFORE_CURSOR = /(\\?)(\{+)([ \t]*)([A-Za-z_][A-Za-z0-9_]*)?$/;
const CLOSE_AFTER_CURSOR = /^[A-Za-z0-9_]*[ \t]*\}\}/;
// Enough of the line to see a placeholder being typed; placeholders are short.
const LOOK_BEHIND = 200;

/**
 * Completes declared variable names after `{{` (not after the escape `\{{`). Picking one writes `{{ name }}`,
 * or only the name when a `}}` already follows.
 */
export function variableCompletions(getNames: () => readonly string[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const names = getNames();
    if (names.length === 0) return null;
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(Math.max(0, context.pos - line.from - LOOK_BEHIND), context.pos - line.from);
    const match = OPEN_BEFORE_CURSOR.exec(before);
    // `\{{` is a literal `{{`: the escape takes the first two braces of the run, as in the parser.
    if (!match || (match[2] ?? '').length - (match[1] ? 2 : 0) < 2) return null;
    const typed = match[4] ?? '';
    const after = line.text.slice(context.pos - line.from, context.pos - line.from + LOOK_BEHIND);
    const closed = CLOSE_AFTER_CURSOR.test(after);
    const lead = match[3] ? '' : ' ';
    return {
      from: context.pos - typed.length,
      // With a `}}` already there only the name is replaced; the rest of the old name goes too.
      to: closed ? context.pos + (/^[A-Za-z0-9_]*/.exec(after)?.[0].length ?? 0) : context.pos,
      options: names.map((name) => ({
        label: name,
        type: 'variable',
        apply: closed ? name : `${lead}${name} }}`,
      })),
      validFor: /^[A-Za-z0-9_]*$/,
    };
  };
}
