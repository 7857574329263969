import { createHash } from 'node:crypto';
import type { LabelTarget } from '@/db/schema';

/** The bucket 0..99 a caller's key falls in: the first 4 bytes of SHA-256(key), mod 100 (the bias is below 1e-7). */
export function bucketOf(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % 100;
}

/** A caller's key as one split hashes it: salted with the prompt and label, so the same user is not the canary of every split. */
export const stickyKey = ({ promptId, label, key }: { promptId: string; label: string; key: string }) => `${promptId}\n${label}\n${key}`;

/**
 * Which of a label's targets serves this request. With a key (salt it with stickyKey) the pick is sticky: the same
 * key always lands on the same version while the split is unchanged; without one it is random. Weights sum to 100
 * (db/schema.ts); a shortfall falls to the last target so every bucket has one.
 */
export function pickLabelTarget(targets: readonly LabelTarget[], key?: string | null, random: () => number = Math.random): LabelTarget {
  const last = targets.at(-1);
  if (!last) throw new Error('a label has at least one target');
  if (targets.length === 1) return last;
  const bucket = key ? bucketOf(key) : Math.floor(random() * 100);
  let upTo = 0;
  for (const target of targets) {
    upTo += target.weight;
    if (bucket < upTo) return target;
  }
  return last;
}
