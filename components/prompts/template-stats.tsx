'use client';

import { useMemo } from 'react';

import { formatCount } from '@/lib/client/format';
import { MAX_TEMPLATE_CHARS } from '@/lib/prompts/schemas';
import { cn } from '@/lib/utils';
import { useTokenCount } from './use-token-count';

// Past this share of the limit the count turns amber, so the limit is no surprise at save time.
const NEAR_LIMIT = 0.9;

type Props = { text: string; model?: string; limit?: number; id?: string; className?: string };

/** Characters against the template limit and tokens for the selected model, under a template editor. */
export function TemplateStats({ text, model, limit = MAX_TEMPLATE_CHARS, id, className }: Props) {
  const count = useTokenCount(useMemo(() => [text], [text]), model);
  const chars = text.length;
  const over = chars > limit;
  return (
    <p
      id={id}
      className={cn('text-xs text-muted-foreground tabular-nums', className)}
      data-testid={id}
    >
      <span className={cn(over ? 'font-medium text-destructive' : chars > limit * NEAR_LIMIT && 'text-warning-foreground dark:text-warning')}>
        {formatCount(chars)} / {formatCount(limit)} characters
        {over ? ` (${formatCount(chars - limit)} over the limit)` : ''}
      </span>
      {' · '}
      <span aria-live="off">{count ? `${count.estimated ? '≈ ' : ''}${formatCount(count.total)} ${count.total === 1 ? 'token' : 'tokens'}` : 'counting tokens…'}</span>
    </p>
  );
}
