import type { ParsedTemplate } from '@/lib/templates';

export type HighlightPiece = { kind: 'plain' | 'variable' | 'error'; text: string; start: number };

/**
 * Splits the source into runs for the highlight layer. Runs always use the raw source slice
 * (segment.text drops escape backslashes), so the layer stays character-aligned with the textarea.
 */
export function highlightPieces(source: string, parsed: ParsedTemplate): HighlightPiece[] {
  const pieces: HighlightPiece[] = [];
  const errorStarts = parsed.errors.map((e) => e.index);
  let e = 0;
  for (const segment of parsed.segments) {
    if (segment.kind === 'variable') {
      pieces.push({ kind: 'variable', text: source.slice(segment.start, segment.end), start: segment.start });
      continue;
    }
    let cursor = segment.start;
    // Errors point at the `{{` of an invalid placeholder, which stays inside a text segment.
    while (e < errorStarts.length && (errorStarts[e] ?? Infinity) < segment.end) {
      const at = errorStarts[e++] ?? cursor;
      if (at < cursor) continue;
      if (at > cursor) pieces.push({ kind: 'plain', text: source.slice(cursor, at), start: cursor });
      const end = Math.min(at + 2, segment.end);
      pieces.push({ kind: 'error', text: source.slice(at, end), start: at });
      cursor = end;
    }
    if (segment.end > cursor) pieces.push({ kind: 'plain', text: source.slice(cursor, segment.end), start: cursor });
  }
  return pieces;
}
