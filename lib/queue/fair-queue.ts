import 'server-only';

/**
 * An item waiting in a lane: `key` names the lane (a workspace, an experiment), `notBefore` when it may start, and
 * `limit` the lane's own cap on active items (an experiment's concurrency) instead of the queue's `perKey`.
 */
export type FairItem = { key: string; notBefore: number; limit?: number };

export type FairQueue<T extends FairItem> = {
  readonly size: number;
  push(item: T): void;
  /** Takes up to `limit` due items, one lane at a time in rotation, skipping lanes with `perKey` items active. */
  takeDue(now: number, limit: number): T[];
  /** An item taken by takeDue has ended (delivered, dropped, or pushed back for a retry). */
  finished(key: string): void;
  /** The earliest `notBefore` still in the future, Infinity when none: when to look again. */
  nextWake(now: number): number;
};

/**
 * Waiting items in one lane per key, served round-robin, with at most `perKey` active per lane, so one key's burst
 * cannot hold every slot while other keys wait. The next item comes from the lane served longest ago (a lane never
 * served first, in order of arrival).
 */
export function createFairQueue<T extends FairItem>({ perKey }: { perKey: number }): FairQueue<T> {
  const lanes = new Map<string, T[]>();
  const active = new Map<string, number>();
  // When each lane was last served, kept while it has items waiting or active.
  const lastServed = new Map<string, number>();
  // A lane's own cap, from the latest item pushed with one.
  const limits = new Map<string, number>();
  const capOf = (key: string) => limits.get(key) ?? perKey;
  let turn = 0;
  let size = 0;

  function forget(key: string) {
    if (!lanes.has(key) && !active.has(key)) {
      lastServed.delete(key);
      limits.delete(key);
    }
  }

  function takeDue(now: number, limit: number): T[] {
    const taken: T[] = [];
    while (taken.length < limit) {
      let best: { key: string; lane: T[]; index: number; at: number } | undefined;
      for (const [key, lane] of lanes) {
        const at = lastServed.get(key) ?? -1;
        if ((best && at >= best.at) || (active.get(key) ?? 0) >= capOf(key)) continue;
        const index = lane.findIndex((item) => item.notBefore <= now);
        if (index >= 0) best = { key, lane, index, at };
      }
      if (!best) break;
      taken.push(best.lane.splice(best.index, 1)[0]!);
      size -= 1;
      if (best.lane.length === 0) lanes.delete(best.key);
      active.set(best.key, (active.get(best.key) ?? 0) + 1);
      lastServed.set(best.key, turn++);
    }
    return taken;
  }

  return {
    get size() {
      return size;
    },
    push(item) {
      if (item.limit !== undefined) limits.set(item.key, Math.max(1, item.limit));
      const lane = lanes.get(item.key);
      if (lane) lane.push(item);
      else lanes.set(item.key, [item]);
      size += 1;
    },
    takeDue,
    finished(key) {
      const running = (active.get(key) ?? 1) - 1;
      if (running > 0) active.set(key, running);
      else active.delete(key);
      forget(key);
    },
    nextWake(now) {
      let earliest = Infinity;
      for (const [key, lane] of lanes) {
        // A full lane is woken by its next finished item, not a timer (and a 10,000-item lane is not scanned).
        if ((active.get(key) ?? 0) >= capOf(key)) continue;
        for (const item of lane) if (item.notBefore > now && item.notBefore < earliest) earliest = item.notBefore;
      }
      return earliest;
    },
  };
}
