'use client';

import { useEffect, useState } from 'react';
import { diffTextBounded, type TextDiff } from '@/lib/diff/word-diff';

type Result = { oldText: string; newText: string; diff: TextDiff };

/**
 * The bounded word diff of two texts, computed in its own task after render: each diff costs at most ~50 ms, and
 * several columns then take turns with the browser's painting instead of freezing the tab together.
 */
export function useTextDiff(oldText: string, newText: string, enabled = true): TextDiff | null {
  const [result, setResult] = useState<Result | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => setResult({ oldText, newText, diff: diffTextBounded(oldText, newText) }), 0);
    return () => clearTimeout(timer);
  }, [enabled, oldText, newText]);
  return enabled && result?.oldText === oldText && result.newText === newText ? result.diff : null;
}
