import { diffArrays } from 'diff';

/** Line diffs of two texts, and their two-column layout. */

export type DiffLine = {
  kind: 'same' | 'added' | 'removed';
  text: string;
  /** 1-based line in the old text; null for added lines. */
  oldLine: number | null;
  /** 1-based line in the new text; null for removed lines. */
  newLine: number | null;
};
export type LineDiff = {
  lines: DiffLine[];
  added: number;
  removed: number;
  /**
   * Set when a side has more than MAX_DIFF_LINES lines (or MAX_DIFF_CHARS characters): nothing is compared or
   * listed (`lines` empty, counts 0), and `lineCounts` says how long each side is.
   */
  tooLarge?: true;
  lineCounts?: { old: number; new: number };
};
export type SideBySideRow = { left: DiffLine | null; right: DiffLine | null };

// Myers is O((N+M)·D); past this many edits the texts are mostly rewritten anyway, so fall back
// to "replace the differing middle" rather than spend seconds on a huge pathological diff.
const MAX_EDIT_LENGTH = 1000;
/**
 * Longest side diffed line by line. Past it the cost (and a response listing every line, and the table the editor
 * renders) grows without bound, so such a prompt is answered as too large to diff instead.
 */
export const MAX_DIFF_LINES = 5_000;
export const MAX_DIFF_CHARS = 500_000;

type Block = { kind: DiffLine['kind']; lines: string[] };

/** Splits on \n or \r\n; the empty string has no lines (a trailing newline yields a final empty line). */
export function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/\r?\n/);
}

function fallbackBlocks(a: string[], b: string[]): Block[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  return [
    { kind: 'same', lines: a.slice(0, prefix) },
    { kind: 'removed', lines: a.slice(prefix, a.length - suffix) },
    { kind: 'added', lines: b.slice(prefix, b.length - suffix) },
    { kind: 'same', lines: a.slice(a.length - suffix) },
  ];
}

/** Lines in `text` as splitLines counts them, without splitting it. */
export function countLines(text: string): number {
  if (text === '') return 0;
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

export function diffText(oldText: string, newText: string): LineDiff {
  const counts = { old: countLines(oldText), new: countLines(newText) };
  const tooLong = Math.max(oldText.length, newText.length) > MAX_DIFF_CHARS;
  if (tooLong || Math.max(counts.old, counts.new) > MAX_DIFF_LINES) {
    return { lines: [], added: 0, removed: 0, tooLarge: true, lineCounts: counts };
  }
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  const blocks: Block[] = changes
    ? changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', lines: c.value }))
    : fallbackBlocks(a, b);

  const lines: DiffLine[] = [];
  let oldLine = 1;
  let newLine = 1;
  let added = 0;
  let removed = 0;
  for (const block of blocks) {
    for (const text of block.lines) {
      if (block.kind === 'same') lines.push({ kind: 'same', text, oldLine: oldLine++, newLine: newLine++ });
      else if (block.kind === 'removed') {
        lines.push({ kind: 'removed', text, oldLine: oldLine++, newLine: null });
        removed++;
      } else {
        lines.push({ kind: 'added', text, oldLine: null, newLine: newLine++ });
        added++;
      }
    }
  }
  return { lines, added, removed };
}

/**
 * Rows for a two-column view: unchanged lines appear on both sides; within each run of
 * changes, the k-th removed line sits next to the k-th added line and the shorter side is padded with null.
 */
export function toSideBySide(diff: LineDiff): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      rows.push({ left: removed[i] ?? null, right: added[i] ?? null });
    }
    removed = [];
    added = [];
  };
  for (const line of diff.lines) {
    if (line.kind === 'removed') removed.push(line);
    else if (line.kind === 'added') added.push(line);
    else {
      flush();
      rows.push({ left: line, right: line });
    }
  }
  flush();
  return rows;
}
