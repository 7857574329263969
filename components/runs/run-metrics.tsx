import Link from 'next/link';
import { DatabaseZapIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip';
import type { Run } from '@/lib/client/types';
import { cn } from '@/lib/utils';
import { formatCost, formatCount } from '@/lib/client/format';
import { formatDuration, runPath } from './run-format';

/** "12 in · 34 out · 46 total", with an "estimated" hint when the server counted them itself. */
export function RunTokens({ run }: { run: Pick<Run, 'usage'> }) {
  if (!run.usage) return <span data-testid="run-tokens">—</span>;
  const { inputTokens, outputTokens, totalTokens, estimated } = run.usage;
  return (
    <span data-testid="run-tokens" className="inline-flex flex-wrap items-center gap-x-1.5">
      <span>
        {formatCount(inputTokens)} in · {formatCount(outputTokens)} out · {formatCount(totalTokens)} total
      </span>
      {estimated ? (
        <Tooltip>
          <TooltipTrigger asChild>
            <button type="button" className="cursor-help rounded text-xs text-muted-foreground underline decoration-dotted underline-offset-2 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
              estimated
            </button>
          </TooltipTrigger>
          <TooltipContent>The provider reported no usage, so PromptLab counted the tokens with a tokenizer.</TooltipContent>
        </Tooltip>
      ) : null}
    </span>
  );
}

export function CachedBadge({ run, className }: { run: Pick<Run, 'cached' | 'sourceRunId'>; className?: string }) {
  if (!run.cached) return null;
  return (
    <span className={cn('inline-flex items-center gap-1.5 text-xs', className)}>
      <Badge variant="secondary" data-testid="run-cached-badge">
        <DatabaseZapIcon aria-hidden="true" />
        Cached
      </Badge>
      {run.sourceRunId ? (
        <Link href={runPath(run.sourceRunId)} className="text-primary underline-offset-4 hover:underline" data-testid="run-source-link">
          source run
        </Link>
      ) : null}
    </span>
  );
}

/** Tokens, cost, latency and time to first token of a finished run. */
export function RunMetrics({ run, className }: { run: Run; className?: string }) {
  const items = [
    { label: 'Tokens', value: <RunTokens run={run} />, wide: true },
    {
      label: 'Cost',
      value: (
        <span data-testid="run-cost" title={run.costUsd === null ? "This model's price is unknown" : run.costBreakdown?.estimated ? 'An estimate: the provider reported no usage' : undefined}>
          {formatCost(run.costUsd)}
        </span>
      ),
    },
    { label: 'Latency', value: <span data-testid="run-latency">{formatDuration(run.latencyMs)}</span> },
    { label: 'Time to first token', value: <span data-testid="run-ttft">{formatDuration(run.ttftMs)}</span> },
  ];
  return (
    <dl className={cn('grid grid-cols-2 gap-x-4 gap-y-3 text-sm sm:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))]', className)}>
      {items.map((item) => (
        <div key={item.label} className={cn('grid min-w-0 gap-0.5', 'wide' in item && 'col-span-2 sm:col-span-1')}>
          <dt className="text-xs text-muted-foreground">{item.label}</dt>
          <dd className="font-mono text-[0.8125rem] tabular-nums">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
