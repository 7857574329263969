import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { variableCompletions } from '@/components/prompts/codemirror/variable-completion';

const source = variableCompletions(() => ['topic', 'tone']);

/** Completes at `|` in `text`, then applies the first option the way CodeMirror does for a string `apply`. */
function complete(textWithCursor: string, explicit = false) {
  const pos = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const result = source(new CompletionContext(EditorState.create({ doc: text }), pos, explicit)) as CompletionResult | null;
  if (!result) return null;
  const first = result.options[0]!;
  const insert = typeof first.apply === 'string' ? first.apply : first.label;
  return { labels: result.options.map((o) => o.label), applied: text.slice(0, result.from) + insert + text.slice(result.to ?? pos) };
}

describe('variableCompletions', () => {
  it('offers the declared names after {{ and writes a closed placeholder', () => {
    expect(complete('Hi {{|')).toEqual({ labels: ['topic', 'tone'], applied: 'Hi {{ topic }}' });
    expect(complete('Hi {{ |')?.applied).toBe('Hi {{ topic }}');
    expect(complete('Hi {{ to|')?.applied).toBe('Hi {{ topic }}');
  });

  it('only replaces the name when the placeholder is already closed', () => {
    expect(complete('Hi {{ to| }} there')?.applied).toBe('Hi {{ topic }} there');
    expect(complete('Hi {{|tone}}')?.applied).toBe('Hi {{topic}}');
  });

  it('stays quiet outside a placeholder and after the escape \\{{', () => {
    expect(complete('Hi to|')).toBeNull();
    expect(complete('Hi {|')).toBeNull();
    expect(complete('Hi \\{{|')).toBeNull();
    expect(complete('Hi {{ topic }} |')).toBeNull();
    expect(complete('Hi {{ topic |')).toBeNull();
  });

  it('follows the parser on brace runs after an escape', () => {
    // `\{{{` is a literal `{{` then `{`; `\{{{{` opens a placeholder with its last two braces.
    expect(complete('\\{{{|')).toBeNull();
    expect(complete('\\{{{{|')?.applied).toBe('\\{{{{ topic }}');
  });

  it('offers nothing without declared names', () => {
    const none = variableCompletions(() => []);
    expect(none(new CompletionContext(EditorState.create({ doc: '{{' }), 2, true))).toBeNull();
  });
});
