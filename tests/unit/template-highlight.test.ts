import { describe, expect, it } from 'vitest';
import { lineHighlights, type HighlightRange } from '@/components/prompts/template-highlight';
import { parseTemplate } from '@/lib/templates';

// What the whole-document parse says, as ranges: the reference the line-by-line highlighting must match.
function wholeDocument(text: string): HighlightRange[] {
  const parsed = parseTemplate(text);
  const ranges: HighlightRange[] = parsed.segments
    .filter((s) => s.kind === 'variable')
    .map((s) => ({ kind: 'variable' as const, from: s.start, to: s.end }));
  for (const e of parsed.errors) ranges.push({ kind: 'error', from: e.index, to: e.index + 2 });
  return ranges.sort((a, b) => a.from - b.from);
}

function byLines(text: string): HighlightRange[] {
  const ranges: HighlightRange[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    ranges.push(...lineHighlights(line, offset));
    offset += line.length + 1;
  }
  return ranges;
}

const slices = (text: string, ranges: HighlightRange[]) => ranges.map((r) => [r.kind, text.slice(r.from, r.to)]);

describe('lineHighlights', () => {
  it('marks placeholders and the {{ of invalid ones, offset by the line start', () => {
    const line = 'Hi {{ name }}, {{ bad and {{x}}';
    expect(slices(line, lineHighlights(line, 0))).toEqual([
      ['variable', '{{ name }}'],
      ['error', '{{'],
      ['variable', '{{x}}'],
    ]);
    expect(lineHighlights('{{ a }}', 100)).toEqual([{ kind: 'variable', from: 100, to: 107 }]);
  });

  it('follows the parser on escapes and brace runs', () => {
    expect(slices('\\{{ a }}', lineHighlights('\\{{ a }}', 0))).toEqual([]);
    expect(slices('{{{x}}}', lineHighlights('{{{x}}}', 0))).toEqual([['variable', '{{x}}']]);
    expect(slices('\\{{{{x}}', lineHighlights('\\{{{{x}}', 0))).toEqual([['variable', '{{x}}']]);
  });

  it.each([
    'plain text\nwith lines',
    'a {{ x }}\nb {{ y\n}} c {{z}}',
    '\\{{ x }}\n\\{{{{ y }}\n{{{ z }}}\n{{\t_n1\t}}',
    '{{ broken\n{{ fine }} {{ 1bad }} 🙂 {{ emoji }}',
    '{{\n{{}}\n}}{{ a }}\\\n{{ b }}',
    '{{{{{{{{\n{{ {{ a }} }}\n\\\\{{ c }}',
  ])('gives the same ranges line by line as parsing the whole document: %j', (text) => {
    expect(byLines(text)).toEqual(wholeDocument(text));
  });

  it('matches the whole-document parse on random brace soup', () => {
    const alphabet = ['{', '{', '}', '}', '\\', ' ', '\n', 'a', '_', '1', '\t'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    for (let run = 0; run < 300; run++) {
      const text = Array.from({ length: 60 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(byLines(text)).toEqual(wholeDocument(text));
    }
  });
});
