import { diffLines, diffWordsWithSpace, type Change } from 'diff';

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };
/**
 * `word`: every change marked word by word; `line`: some changed lines were too long or too different for that (or
 * the time budget ran out) and are marked as whole lines; `block`: too large or too different even for lines, so the
 * differing middle is shown as removed then added (the shared start and end stay).
 */
export type DiffGranularity = 'word' | 'line' | 'block';
export type TextDiff = {
  parts: DiffPart[];
  granularity: DiffGranularity;
  /** Characters only in the new text / only in the old one. */
  added: number;
  removed: number;
};

/** Longest changed stretch (per side) compared word by word; a longer one stays marked line by line. */
export const MAX_WORD_DIFF_CHARS = 5_000;
/** Past this many characters a side is not compared at all (one removed block, one added block). */
export const MAX_LINE_DIFF_CHARS = 500_000;
// Myers costs O((N+M)·D): lines are diffed first (few tokens), then each changed stretch word by word, all within
// one time budget, so two 200,000-character outputs cost ~50 ms of work at most.
const MAX_EDIT_LENGTH = 2_000;
const BUDGET_MS = 40;

const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);

/** Length of the shared start, cut back to a word boundary so a changed word is never split. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length && i === b.length) return i;
  while (i > 0 && !(isSpace(a[i - 1]) || (isSpace(a[i]) && isSpace(b[i])))) i--;
  return i;
}

function commonSuffix(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  while (i > 0 && !(isSpace(a[a.length - i]) || (isSpace(a[a.length - 1 - i]) && isSpace(b[b.length - 1 - i])))) i--;
  return i;
}

function toParts(changes: Change[]): DiffPart[] {
  return changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

/** Merges neighbours of one kind and drops empty parts, so a render has as few nodes as possible. */
function compact(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const part of parts) {
    if (!part.text) continue;
    const last = out.at(-1);
    if (last?.kind === part.kind) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

const replaced = (a: string, b: string): DiffPart[] => [
  { kind: 'removed', text: a },
  { kind: 'added', text: b },
];

/** Word diff of one changed stretch, or null when it is too long or the time is up. */
function wordsOf(a: string, b: string, deadline: number): DiffPart[] | null {
  if (!a || !b) return replaced(a, b);
  const timeout = deadline - performance.now();
  if (Math.max(a.length, b.length) > MAX_WORD_DIFF_CHARS || timeout <= 0) return null;
  const words = diffWordsWithSpace(a, b, { maxEditLength: MAX_EDIT_LENGTH, timeout });
  return words ? toParts(words) : null;
}

function diffMiddle(a: string, b: string, deadline: number): { parts: DiffPart[]; granularity: DiffGranularity } {
  if (Math.max(a.length, b.length) > MAX_LINE_DIFF_CHARS) return { parts: replaced(a, b), granularity: 'block' };
  const whole = wordsOf(a, b, Math.min(deadline, performance.now() + BUDGET_MS / 4));
  if (whole) return { parts: whole, granularity: 'word' };
  const lines = diffLines(a, b, { maxEditLength: MAX_EDIT_LENGTH, timeout: Math.max(1, deadline - performance.now()) });
  if (!lines) return { parts: replaced(a, b), granularity: 'block' };
  // Refine each removed+added pair of line runs word by word while the budget lasts.
  const parts: DiffPart[] = [];
  let allWords = true;
  for (let i = 0; i < lines.length; i++) {
    const change = lines[i]!;
    const next = lines[i + 1];
    if (change.removed && next?.added) {
      const words = wordsOf(change.value, next.value, deadline);
      if (words) parts.push(...words);
      else {
        allWords = false;
        parts.push(...replaced(change.value, next.value));
      }
      i++;
    } else {
      parts.push(...toParts([change]));
    }
  }
  return { parts, granularity: allWords ? 'word' : 'line' };
}

/**
 * Word-level diff of `oldText` → `newText`, bounded in work whatever the input: the shared start and end are
 * skipped in linear time, a long or very different middle is compared by lines, and failing that shown as one block.
 */
export function diffTextBounded(oldText: string, newText: string): TextDiff {
  const deadline = performance.now() + BUDGET_MS;
  const prefix = commonPrefix(oldText, newText);
  const suffix = commonSuffix(oldText, newText, prefix);
  const middle = diffMiddle(oldText.slice(prefix, oldText.length - suffix), newText.slice(prefix, newText.length - suffix), deadline);
  const parts = compact([
    { kind: 'same', text: oldText.slice(0, prefix) },
    ...middle.parts,
    { kind: 'same', text: oldText.slice(oldText.length - suffix) },
  ]);
  let added = 0;
  let removed = 0;
  for (const part of parts) {
    if (part.kind === 'added') added += part.text.length;
    else if (part.kind === 'removed') removed += part.text.length;
  }
  return { parts, granularity: middle.granularity, added, removed };
}
