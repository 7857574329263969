'use client';

import * as React from 'react';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

import {
  contentAttributes,
  editorCompartments,
  placeholderExtension,
  readOnlyExtension,
  templateEditorExtensions,
  type EditorCallbacks,
} from './editor-extensions';

// Marks the transactions that bring in a new value from the props, which must not be echoed back as onChange.
const fromProps = Annotation.define<boolean>();
const ROW_REM = 1.5;

type Options = EditorCallbacks['current'] & {
  value: string;
  onChange?: (value: string) => void;
  readOnly: boolean;
  placeholder?: string;
  minRows: number;
  maxRows: number;
  attributes: Record<string, string>;
};

/** Keeps one EditorView in a host element in step with controlled props. */
export function useTemplateView({ value, onChange, readOnly, placeholder, minRows, maxRows, attributes, ...latest }: Options) {
  const hostRef = React.useRef<HTMLDivElement>(null);
  const viewRef = React.useRef<EditorView | null>(null);
  // The text the parent last saw, either from the props or from our own onChange.
  const shownRef = React.useRef(value);
  const onChangeRef = React.useRef(onChange);
  const callbacks = React.useRef<EditorCallbacks['current']>(latest);
  React.useLayoutEffect(() => {
    onChangeRef.current = onChange;
    callbacks.current = latest;
  });

  // Built once per mount: later prop changes go through compartments and transactions, never a rebuild, which
  // would lose the undo history, the selection and the scroll position.
  const initial = React.useRef({ value, readOnly, placeholder, minRows, maxRows, attributes });
  React.useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const first = initial.current;
    const size = EditorView.theme({
      '.cm-content, .cm-gutter': { minHeight: `${first.minRows * ROW_REM + ROW_REM}rem` },
      '&': { maxHeight: `${first.maxRows * ROW_REM + ROW_REM}rem` },
      '.cm-scroller': { overflow: 'auto' },
    });
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: shownRef.current,
        extensions: [
          templateEditorExtensions({ ...first, callbacks }),
          size,
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.some((tr) => tr.annotation(fromProps))) return;
            const text = update.state.doc.toString();
            shownRef.current = text;
            onChangeRef.current?.(text);
          }),
        ],
      }),
    });
    viewRef.current = view;
    // The host reserved the height before mounting; the editor sizes itself from here on.
    host.style.minHeight = '';
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  React.useEffect(() => {
    const view = viewRef.current;
    if (!view || value === shownRef.current) return;
    shownRef.current = value;
    if (value === view.state.doc.toString()) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value }, annotations: fromProps.of(true) });
  }, [value]);

  React.useEffect(() => {
    viewRef.current?.dispatch({ effects: editorCompartments.readOnly.reconfigure(readOnlyExtension(readOnly)) });
  }, [readOnly]);

  React.useEffect(() => {
    viewRef.current?.dispatch({ effects: editorCompartments.placeholder.reconfigure(placeholderExtension(placeholder)) });
  }, [placeholder]);

  const attributesKey = JSON.stringify(attributes);
  React.useEffect(() => {
    viewRef.current?.dispatch({ effects: editorCompartments.attributes.reconfigure(contentAttributes(JSON.parse(attributesKey))) });
  }, [attributesKey]);

  const focus = React.useCallback(() => viewRef.current?.focus(), []);
  return { hostRef, focus };
}
