import { diffArrays } from 'diff';
import type { TemplateMessage } from '@/lib/prompts/schemas';
import { countLines, diffText, MAX_DIFF_CHARS, MAX_DIFF_LINES, type LineDiff } from './line-diff';

type Role = TemplateMessage['role'];
type Turn = { role: Role; content: string };

/** One turn of a chat template compared with its counterpart. */
export type MessageDiff = {
  kind: 'same' | 'changed' | 'added' | 'removed';
  /** 0-based position in the old list; null for an added turn. */
  oldIndex: number | null;
  /** 0-based position in the new list; null for a removed turn. */
  newIndex: number | null;
  role: { from: Role | null; to: Role | null };
  /** An added turn is diffed against '' (all lines added), a removed one the other way. */
  content: LineDiff;
};

const sideTooLarge = (turns: Turn[]) => {
  let chars = 0;
  let lines = 0;
  for (const turn of turns) {
    chars += turn.content.length;
    lines += countLines(turn.content);
  }
  return chars > MAX_DIFF_CHARS || lines > MAX_DIFF_LINES;
};

/**
 * Compares two chat templates turn by turn. Turns are aligned like lines (an inserted few-shot pair shows as two
 * added turns); within a run of changes the k-th removed turn is paired with the k-th added one as `changed`.
 * When either side's turns together pass the diff limits, no content is compared (each `content` is tooLarge).
 */
export function diffMessages(from: Turn[], to: Turn[]): MessageDiff[] {
  const tooLarge = sideTooLarge(from) || sideTooLarge(to);
  const compare = (a: string, b: string): LineDiff =>
    tooLarge ? { lines: [], added: 0, removed: 0, tooLarge: true, lineCounts: { old: countLines(a), new: countLines(b) } } : diffText(a, b);

  const turns: MessageDiff[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      const [o, n] = [removed[k], added[k]];
      const old = o === undefined ? undefined : from[o];
      const next = n === undefined ? undefined : to[n];
      turns.push({
        kind: old && next ? 'changed' : old ? 'removed' : 'added',
        oldIndex: o ?? null,
        newIndex: n ?? null,
        role: { from: old?.role ?? null, to: next?.role ?? null },
        content: compare(old?.content ?? '', next?.content ?? ''),
      });
    }
    removed = [];
    added = [];
  };
  const same = (a: Turn, b: Turn) => a.role === b.role && a.content === b.content;
  for (const change of diffArrays(from, to, { comparator: same })) {
    for (let i = 0; i < change.value.length; i++) {
      if (change.removed) removed.push(oldIndex++);
      else if (change.added) added.push(newIndex++);
      else {
        flush();
        const turn = to[newIndex]!;
        turns.push({ kind: 'same', oldIndex, newIndex, role: { from: turn.role, to: turn.role }, content: compare(turn.content, turn.content) });
        oldIndex++;
        newIndex++;
      }
    }
  }
  flush();
  return turns;
}
