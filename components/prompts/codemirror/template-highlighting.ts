import { RangeSetBuilder } from '@codemirror/state';
import { Decoration, ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';

import { lineHighlights } from '../template-highlight';

const variableMark = Decoration.mark({ class: 'cm-template-variable' });
const errorMark = Decoration.mark({ class: 'cm-template-error' });

/** Decorations for the lines in the viewport only, so a keystroke costs the same at 100 characters or 100,000. */
function decorateVisible(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const { doc } = view.state;
  let lastLine = 0;
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to; ) {
      const line = doc.lineAt(pos);
      // Visible ranges can share a line (folded or gapped text); decorate each line once, in order.
      if (line.number > lastLine) {
        lastLine = line.number;
        for (const range of lineHighlights(line.text, line.from)) {
          builder.add(range.from, range.to, range.kind === 'variable' ? variableMark : errorMark);
        }
      }
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

/** `{{ name }}` placeholders and invalid `{{`, by the same rules as lib/templates/parse-template.ts. */
export const templateHighlighting = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = decorateVisible(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.viewportChanged) this.decorations = decorateVisible(update.view);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);
