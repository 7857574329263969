// Pure rules of the labels UI (badge looks, the split editor's checks, what a deployment says); unit-tested.
import { LABEL_NAME_PATTERN, LATEST_LABEL, MAX_DEPLOYMENT_NOTE, MAX_SPLIT_TARGETS } from '@/lib/labels/schemas';
import type { LabelTarget } from './label-types';

export type { LabelTarget };
export { MAX_SPLIT_TARGETS };
export const NOTE_MAX = MAX_DEPLOYMENT_NOTE;

export type BadgeLook = 'production' | 'staging' | 'neutral';

/** production green, staging amber, everything else neutral. */
export function badgeLook(name: string): BadgeLook {
  if (name === 'production' || name === 'prod') return 'production';
  if (name === 'staging' || name === 'stage') return 'staging';
  return 'neutral';
}

/** "90/10" for a split, null for a single target. */
export function splitText(targets: readonly LabelTarget[]): string | null {
  return targets.length < 2 ? null : targets.map((t) => t.weight).join('/');
}

/** "v3", or "v3 90% · v4 10%" for a split; "nothing" for no targets (a deleted or new label). */
export function targetsText(targets: readonly LabelTarget[] | null): string {
  if (!targets || targets.length === 0) return 'nothing';
  if (targets.length === 1) return `v${targets[0]!.versionNumber}`;
  return targets.map((t) => `v${t.versionNumber} ${t.weight}%`).join(' · ');
}

/** A label name as typed: trimmed and lowercased, or the reason it can't be one. */
export function checkLabelName(raw: string): { name: string; error: string | null } {
  const name = raw.trim().toLowerCase();
  if (!name) return { name, error: 'Pick a label or type a new name' };
  if (name === LATEST_LABEL) return { name, error: '“latest” always means the newest version; pick another name' };
  if (name.length > 50) return { name, error: 'At most 50 characters' };
  if (!LABEL_NAME_PATTERN.test(name)) return { name, error: 'Lowercase letters, digits, dots, dashes and underscores; start with a letter or digit' };
  return { name, error: null };
}

/** A row of the split editor: weights as typed, so a half-typed number is not lost. */
export type SplitRow = { versionNumber: number; weight: string };

export type SplitCheck = {
  /** Errors by field path (`split.N.weight`, `split.N.versionNumber`), as the server names them. */
  fields: Record<string, string>;
  /** About the whole split (the sum, the count), else null. */
  form: string | null;
  total: number;
  targets: LabelTarget[] | null;
};

/** The API's split rules: 2 to 5 distinct versions, integer weights 1..100 that sum to 100. */
export function checkSplit(rows: readonly SplitRow[], known: ReadonlySet<number>): SplitCheck {
  const fields: Record<string, string> = {};
  const seen = new Set<number>();
  let total = 0;
  rows.forEach((row, i) => {
    if (!known.has(row.versionNumber)) fields[`split.${i}.versionNumber`] = 'Pick a saved version';
    else if (seen.has(row.versionNumber)) fields[`split.${i}.versionNumber`] = `v${row.versionNumber} is already in the split`;
    seen.add(row.versionNumber);
    const text = row.weight.trim();
    const weight = Number(text);
    if (text === '' || !Number.isInteger(weight)) fields[`split.${i}.weight`] = 'A whole number';
    else if (weight < 1 || weight > 100) fields[`split.${i}.weight`] = 'Between 1 and 100';
    else total += weight;
  });
  let form: string | null = null;
  if (rows.length < 2) form = 'A split needs at least two versions';
  else if (rows.length > MAX_SPLIT_TARGETS) form = `At most ${MAX_SPLIT_TARGETS} versions`;
  else if (Object.keys(fields).length === 0 && total !== 100) form = `Weights add up to ${total}; they must add up to 100`;
  const valid = form === null && Object.keys(fields).length === 0;
  return { fields, form, total, targets: valid ? rows.map((r) => ({ versionNumber: r.versionNumber, weight: Number(r.weight.trim()) })) : null };
}

/** Weights for n rows that sum to 100, the first taking the remainder (2 → 50/50, 3 → 34/33/33). */
export function evenWeights(n: number): number[] {
  if (n <= 0) return [];
  const base = Math.floor(100 / n);
  return Array.from({ length: n }, (_, i) => (i === 0 ? 100 - base * (n - 1) : base));
}

/**
 * The rows a split editor starts from: the label's split when it already includes `first` (an edit of it), else
 * `first` at 90 beside what the label mostly serves now (or another version) at 10.
 */
export function initialSplit(first: number, current: readonly LabelTarget[] | undefined, versions: readonly number[]): SplitRow[] {
  if (current && current.length >= 2 && current.some((t) => t.versionNumber === first)) {
    return current.map((t) => ({ versionNumber: t.versionNumber, weight: String(t.weight) }));
  }
  const serving = [...(current ?? [])].sort((x, y) => y.weight - x.weight).find((t) => t.versionNumber !== first)?.versionNumber;
  const other = serving ?? versions.find((v) => v !== first);
  if (other === undefined) return [{ versionNumber: first, weight: '100' }];
  return [
    { versionNumber: first, weight: '90' },
    { versionNumber: other, weight: '10' },
  ];
}

/** Which labels point at each version (a split label appears under each of its versions). */
export function labelsByVersion<L extends { name: string; targets: readonly LabelTarget[]; virtual?: boolean }>(labels: readonly L[]): Map<number, L[]> {
  const map = new Map<number, L[]>();
  for (const label of labels) {
    for (const target of label.targets) {
      const list = map.get(target.versionNumber) ?? [];
      list.push(label);
      map.set(target.versionNumber, list);
    }
  }
  return map;
}

const ACTION_WORDS: Record<string, string> = { move: 'Moved', rollback: 'Rolled back', delete: 'Deleted', protect: 'Protected', unprotect: 'Unprotected' };

/** "Moved production: v1 → v2", "Deployed staging to v3" (first move), "Deleted canary (was v2)". */
export function deploymentSummary(d: { label: string; action: string; from: readonly LabelTarget[] | null; to: readonly LabelTarget[] | null }): string {
  if (d.action === 'delete') return `Deleted ${d.label} (was ${targetsText(d.from)})`;
  if (d.action === 'protect' || d.action === 'unprotect') return `${ACTION_WORDS[d.action]} ${d.label}`;
  const fresh = !d.from || d.from.length === 0;
  if (d.action === 'move' && fresh) return `Deployed ${d.label} to ${targetsText(d.to)}`;
  // A rollback from nothing undid a deletion.
  if (d.action === 'rollback' && fresh) return `Restored ${d.label} to ${targetsText(d.to)}`;
  // A rollback to nothing undid a restore.
  if (d.action === 'rollback' && (!d.to || d.to.length === 0)) return `Deleted ${d.label} again (was ${targetsText(d.from)})`;
  return `${ACTION_WORDS[d.action] ?? 'Moved'} ${d.label}: ${targetsText(d.from)} → ${targetsText(d.to)}`;
}

type MoveLike = { id: string; label: string; action: string; from: readonly LabelTarget[] | null };

/**
 * The deployments a rollback would undo, one per label, from a newest-first history: the latest move, rollback or
 * deletion (protection changes are skipped, as the server does), when it has something to go back to: its `from`,
 * or for a rollback that restored a deleted label, deleting it again. A label's creation can't be rolled back.
 */
export function rollbackCandidates<D extends MoveLike>(deployments: readonly D[]): Map<string, D> {
  const seen = new Set<string>();
  const out = new Map<string, D>();
  for (const d of deployments) {
    if (d.action === 'protect' || d.action === 'unprotect' || seen.has(d.label)) continue;
    seen.add(d.label);
    if ((d.from && d.from.length > 0) || d.action === 'rollback') out.set(d.label, d);
  }
  return out;
}
