import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentLess, insertTab } from '@codemirror/commands';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLineGutter, keymap, lineNumbers, placeholder as placeholderText } from '@codemirror/view';

import { editorTheme } from './editor-theme';
import { templateHighlighting } from './template-highlighting';
import { variableCompletions } from './variable-completion';

export type EditorCallbacks = {
  /** The latest props, read when a key is pressed, so the editor never needs rebuilding for a new callback. */
  current: { onRunShortcut?: () => void; onSaveShortcut?: () => void; variables?: readonly string[] };
};

// Mod-Enter (Run) and Mod-S (Save) belong to the page: without a callback they are left unhandled, so the
// keydown reaches the page's own listener with defaultPrevented still false.
const pageShortcuts = (callbacks: EditorCallbacks) =>
  keymap.of([
    { key: 'Mod-Enter', run: () => (callbacks.current.onRunShortcut ? (callbacks.current.onRunShortcut(), true) : false) },
    { key: 'Mod-s', run: () => (callbacks.current.onSaveShortcut ? (callbacks.current.onSaveShortcut(), true) : false) },
  ]);

/** The settings that follow props, each in its own compartment so a change reconfigures only that part. */
export const editorCompartments = { readOnly: new Compartment(), placeholder: new Compartment(), attributes: new Compartment() };

export function readOnlyExtension(readOnly: boolean): Extension {
  return EditorState.readOnly.of(readOnly);
}

export function placeholderExtension(text: string | undefined): Extension {
  return text ? placeholderText(text) : [];
}

export function contentAttributes(attributes: Record<string, string>): Extension {
  return EditorView.contentAttributes.of(attributes);
}

type Options = { readOnly: boolean; placeholder?: string; attributes: Record<string, string>; callbacks: EditorCallbacks };

export function templateEditorExtensions({ readOnly, placeholder, attributes, callbacks }: Options): Extension[] {
  return [
    pageShortcuts(callbacks),
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    EditorView.lineWrapping,
    search({ top: true }),
    highlightSelectionMatches(),
    autocompletion({ override: [variableCompletions(() => callbacks.current.variables ?? [])], icons: false }),
    keymap.of([
      ...completionKeymap,
      ...searchKeymap,
      ...historyKeymap,
      // Escape then Tab moves focus out (CodeMirror's tab focus mode), so Tab can indent without trapping focus.
      { key: 'Tab', run: insertTab, shift: indentLess },
      ...defaultKeymap.filter((binding) => binding.key !== 'Mod-Enter'),
    ]),
    templateHighlighting,
    editorTheme,
    editorCompartments.readOnly.of(readOnlyExtension(readOnly)),
    editorCompartments.placeholder.of(placeholderExtension(placeholder)),
    editorCompartments.attributes.of(contentAttributes(attributes)),
  ];
}
