// The page bench/editor-typing.ts measures, bundled by esbuild: one template in the TemplateEditor (or, for the
// baseline, a plain <textarea>) held in React state as the prompt editor holds it, with its length shown. The
// token count is off: in the app it runs debounced in a worker, off the keystroke path.
import { createElement as h, StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

import { TemplateEditor } from '@/components/prompts/template-editor';

const params = new URLSearchParams(location.search);
const mode = params.get('mode') === 'textarea' ? 'textarea' : 'editor';
const size = Number(params.get('size') ?? 1000);

// Prose with a placeholder every few lines, like a long prompt with pasted context.
function sampleText(chars: number): string {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const line =
      i % 5 === 0
        ? `Line ${i}: answer {{ question }} for {{ audience }} in the tone of the examples above, briefly.`
        : `Line ${i}: the quick brown fox jumps over the lazy dog while the pasted context goes on and on.`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n').slice(0, chars);
}

function App() {
  const [value, setValue] = useState(() => sampleText(size));
  return h(
    'main',
    { style: { width: 900, margin: '16px auto', fontFamily: 'sans-serif' } },
    mode === 'textarea'
      ? h('textarea', {
          'data-testid': 'target',
          value,
          onChange: (event: { target: { value: string } }) => setValue(event.target.value),
          style: { width: '100%', height: 600, font: '14px/1.5rem monospace' },
        })
      : h(TemplateEditor, { id: 'template', label: 'Template', value, onChange: setValue, testId: 'target', variables: ['question', 'audience'], maxRows: 24, stats: false }),
    h('output', { 'data-testid': 'length' }, String(value.length)),
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(h(StrictMode, null, h(App)));
