'use client';

import { useEffect, useState } from 'react';

import { countTokensFor } from '@/lib/client/count-tokens';
import type { TextCounts } from '@/lib/client/token-budget';

export type TokenCountState = { total: number; counts: number[]; estimated: boolean } | null;

const sameTexts = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((text, i) => text === b[i]);

/**
 * Tokens of `texts` for `model`, counted once they have stopped changing for `debounceMs` (null until then, and
 * while the tokenizer loads). A newer count replaces an older one that arrives late.
 */
export function useTokenCount(texts: readonly string[], model: string | undefined, debounceMs = 300): TokenCountState {
  // A new array with the same texts (a parent re-rendering) neither restarts the wait nor counts again.
  const [settled, setSettled] = useState<{ texts: readonly string[]; model: string | undefined }>({ texts, model });
  const [result, setResult] = useState<{ for: typeof settled; counts: TextCounts } | null>(null);

  useEffect(() => {
    if (sameTexts(settled.texts, texts) && settled.model === model) return;
    const timer = setTimeout(() => setSettled({ texts, model }), debounceMs);
    return () => clearTimeout(timer);
  }, [texts, model, debounceMs, settled]);

  useEffect(() => {
    let current = true;
    countTokensFor(settled.texts, settled.model).then(
      (counts) => current && setResult({ for: settled, counts }),
      () => current && setResult(null),
    );
    return () => {
      current = false;
    };
  }, [settled]);

  if (!result || result.for !== settled) return null;
  const { counts, estimated } = result.counts;
  return { total: counts.reduce((sum, n) => sum + n, 0), counts, estimated };
}
