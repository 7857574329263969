import { parseTemplate } from '@/lib/templates';

export type HighlightRange = { kind: 'variable' | 'error'; from: number; to: number };

/**
 * The highlight ranges of one line, offset by where the line starts in the document.
 * Line by line gives the same answer as parsing the whole document: a placeholder, a `{{` and an escape never
 * span a newline, and a newline is never the backslash of an escape, so the scanner is in the same state at each
 * line start. That lets the editor decorate only the lines on screen.
 */
export function lineHighlights(line: string, offset: number): HighlightRange[] {
  // Most lines of a prompt have no braces at all; skip the parse for them.
  if (!line.includes('{{')) return [];
  const parsed = parseTemplate(line);
  const ranges: HighlightRange[] = [];
  for (const segment of parsed.segments) {
    if (segment.kind === 'variable') ranges.push({ kind: 'variable', from: offset + segment.start, to: offset + segment.end });
  }
  // Errors point at the `{{` of an invalid placeholder; they are in source order like the segments.
  for (const error of parsed.errors) ranges.push({ kind: 'error', from: offset + error.index, to: offset + error.index + 2 });
  return ranges.sort((a, b) => a.from - b.from);
}
