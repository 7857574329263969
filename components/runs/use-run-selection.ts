'use client';

import { useCallback, useMemo, useState } from 'react';
import { MAX_COMPARE_RUNS } from './compare-runs';

export type RunSelection = {
  /** Selected run ids, in the order they were picked (the first is the comparison's base). */
  ids: string[];
  isSelected: (id: string) => boolean;
  /** Adds or removes a run; adding past MAX_COMPARE_RUNS does nothing. */
  toggle: (id: string) => void;
  clear: () => void;
  /** MAX_COMPARE_RUNS are selected: no more can be added. */
  full: boolean;
};

/** Runs picked in a list to compare them. */
export function useRunSelection(): RunSelection {
  const [ids, setIds] = useState<string[]>([]);
  const toggle = useCallback(
    (id: string) =>
      setIds((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : prev.length >= MAX_COMPARE_RUNS ? prev : [...prev, id])),
    [],
  );
  const clear = useCallback(() => setIds([]), []);
  return useMemo(
    () => ({ ids, isSelected: (id: string) => ids.includes(id), toggle, clear, full: ids.length >= MAX_COMPARE_RUNS }),
    [ids, toggle, clear],
  );
}
