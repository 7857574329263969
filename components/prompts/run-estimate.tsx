'use client';

import { useMemo } from 'react';

import { chatTexts, estimateRun } from '@/lib/client/estimate';
import { formatCost, formatCount } from '@/lib/client/format';
import type { ChatMessage } from '@/lib/llm/types';
import { cn } from '@/lib/utils';
import { useTokenCount } from './use-token-count';

type Props = {
  /** The prompt as it will be sent: templates rendered with the current values. */
  messages: readonly ChatMessage[];
  provider: string;
  model: string;
  maxTokens?: number;
  className?: string;
  testId?: string;
};

/** "≈ 1,234 input tokens · $0.0031 (up to $0.0131 with 1,000 output tokens)", before running. */
export function RunEstimateLine({ messages, provider, model, maxTokens, className, testId = 'run-estimate' }: Props) {
  const texts = useMemo(() => chatTexts(messages), [messages]);
  const counts = useTokenCount(texts, model);
  const estimate = counts ? estimateRun({ counts, provider, model, maxTokens }) : null;
  return (
    <p className={cn('text-xs text-muted-foreground tabular-nums', className)} data-testid={testId}>
      {estimate ? (
        <>
          {estimate.estimated ? '≈ ' : ''}
          {formatCount(estimate.inputTokens)} input {estimate.inputTokens === 1 ? 'token' : 'tokens'} ·{' '}
          {estimate.inputCostUsd === null ? 'cost unknown for this model' : formatCost(estimate.inputCostUsd)}
          {estimate.maxCostUsd !== null && estimate.maxOutputTokens !== null
            ? ` (up to ${formatCost(estimate.maxCostUsd)} with ${formatCount(estimate.maxOutputTokens)} output tokens)`
            : ''}
        </>
      ) : (
        'Estimating tokens…'
      )}
    </p>
  );
}
