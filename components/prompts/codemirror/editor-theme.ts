import { EditorView } from '@codemirror/view';

// Colours come from the app's CSS variables, which the `dark` class on <html> switches: one theme for both modes.
const tint = (percent: number, color = 'var(--color-primary)') => `color-mix(in oklab, ${color} ${percent}%, transparent)`;

export const editorTheme = EditorView.theme({
  '&': { color: 'var(--color-foreground)', backgroundColor: 'transparent', fontSize: '0.875rem' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.5rem' },
  '.cm-content': { padding: '0.75rem 0', caretColor: 'var(--color-foreground)' },
  '.cm-line': { padding: '0 0.75rem 0 0.5rem' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--color-foreground)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    { backgroundColor: tint(22) },
  '.cm-gutters': { backgroundColor: 'transparent', color: 'var(--color-muted-foreground)', border: 'none', borderRight: '1px solid var(--color-border)' },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 0.5rem 0 0.75rem', minWidth: '2.5rem', fontSize: '0.75rem' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--color-foreground)' },
  '.cm-placeholder': { color: 'var(--color-muted-foreground)' },
  '.cm-template-variable': {
    borderRadius: '0.25rem',
    backgroundColor: tint(14),
    boxShadow: `0 0 0 2px ${tint(14)}`,
    color: 'var(--color-primary)',
  },
  '.cm-template-error': {
    color: 'var(--color-destructive)',
    textDecoration: 'underline wavy var(--color-destructive)',
    textUnderlineOffset: '4px',
  },
  '.cm-searchMatch': { backgroundColor: tint(30, 'var(--color-warning)'), outline: 'none' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: tint(60, 'var(--color-warning)') },
  '.cm-panels': { backgroundColor: 'var(--color-muted)', color: 'var(--color-foreground)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--color-border)' },
  '.cm-panel.cm-search': { fontFamily: 'var(--font-sans)', fontSize: '0.8125rem', padding: '0.375rem 2rem 0.375rem 0.5rem' },
  '.cm-panel.cm-search label': { fontSize: '0.8125rem' },
  '.cm-textfield': {
    backgroundColor: 'var(--color-background)',
    color: 'var(--color-foreground)',
    border: '1px solid var(--color-input)',
    borderRadius: '0.375rem',
    padding: '0.125rem 0.375rem',
  },
  '.cm-button': {
    backgroundImage: 'none',
    backgroundColor: 'var(--color-background)',
    color: 'var(--color-foreground)',
    border: '1px solid var(--color-input)',
    borderRadius: '0.375rem',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--color-popover)',
    color: 'var(--color-popover-foreground)',
    border: '1px solid var(--color-border)',
    borderRadius: '0.375rem',
  },
  '.cm-tooltip-autocomplete > ul > li': { fontFamily: 'var(--font-mono)', padding: '0.125rem 0.5rem' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--color-accent)', color: 'var(--color-accent-foreground)' },
});
