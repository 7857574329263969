'use client';

import Link from 'next/link';
import { ExternalLinkIcon, FileQuestionIcon, RefreshCwIcon } from 'lucide-react';
import { RunOutput } from '@/components/runs/run-output';
import { runPath } from '@/components/runs/run-format';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { RunToolCalls } from '@/components/runs/run-tool-calls';
import { RunVersionLabel } from '@/components/runs/run-version-label';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import type { Run } from '@/lib/client/types';
import { cn } from '@/lib/utils';
import { comparedOutput, runName } from './compare-labels';
import { DiffText, diffSummary } from './diff-text';
import type { ComparedRun } from './use-compare-runs';
import { useTextDiff } from './use-text-diff';

type Props = {
  item: ComparedRun;
  index: number;
  /** The run the others are diffed against; null while it loads or when it is missing. */
  base: Run | null;
  showDiff: boolean;
  onMakeBase: (id: string) => void;
};

function Shell({ children, testId, isBase, id }: { children: React.ReactNode; testId: string; isBase?: boolean; id: string }) {
  return (
    <article
      className={cn('grid min-w-0 grid-cols-1 content-start gap-3 rounded-xl border bg-card p-3 text-card-foreground shadow-xs', isBase && 'border-primary/50 ring-1 ring-primary/20')}
      data-testid={testId}
      data-run-id={id}
    >
      {children}
    </article>
  );
}

/** One run's output in the side-by-side view; with "Show differences", marked against the base run. */
export function CompareOutputColumn({ item, index, base, showDiff, onMakeBase }: Props) {
  const run = item.state === 'ready' ? item.run : null;
  const isBase = run !== null && base?.id === run.id;
  const diffing = showDiff && run !== null && base !== null && !isBase;
  const diff = useTextDiff(base ? comparedOutput(base) : '', run ? comparedOutput(run) : '', diffing);

  if (item.state !== 'ready') {
    return (
      <Shell testId="compare-column" id={item.id}>
        <h2 className="text-sm font-semibold">{runName(index)}</h2>
        {item.state === 'loading' ? (
          <Skeleton className="h-40 w-full" />
        ) : item.state === 'missing' ? (
          <p className="flex items-start gap-2 text-sm text-muted-foreground" data-testid="compare-run-missing">
            <FileQuestionIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            Run not found: it was deleted, or it belongs to another workspace.
          </p>
        ) : (
          <div className="grid grid-cols-1 gap-2 text-sm">
            <p className="text-destructive">{item.message}</p>
            <Button variant="outline" size="sm" className="w-fit" onClick={item.retry}>
              <RefreshCwIcon aria-hidden="true" />
              Try again
            </Button>
          </div>
        )}
      </Shell>
    );
  }

  const r = item.run;
  return (
    <Shell testId="compare-column" id={r.id} isBase={isBase}>
      <header className="grid grid-cols-1 gap-1.5">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="flex items-center gap-2 text-sm font-semibold">
            {runName(index)}
            {isBase ? <Badge variant="outline" data-testid="compare-base-badge">base</Badge> : null}
          </h2>
          <div className="flex items-center gap-1">
            {!isBase ? (
              <Button variant="ghost" size="sm" className="h-7 px-2 text-xs" onClick={() => onMakeBase(r.id)} data-testid="compare-make-base">
                Make base
              </Button>
            ) : null}
            <Button variant="ghost" size="icon-sm" className="size-7" asChild>
              <Link href={runPath(r.id)} aria-label={`Open ${runName(index)}`}>
                <ExternalLinkIcon aria-hidden="true" />
              </Link>
            </Button>
          </div>
        </div>
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
          <RunStatusBadge status={r.status} />
          <span className="truncate font-mono" title={`${r.provider}/${r.model}`}>
            {r.provider}/{r.model}
          </span>
          <RunVersionLabel run={r} />
        </p>
      </header>
      {r.error && !r.output ? <p className="text-sm break-words text-destructive">{r.error.message}</p> : null}
      {diffing ? (
        <div className="rounded-lg border bg-muted/30 px-3 py-2.5 dark:bg-muted/20" data-testid="compare-diff">
          {diff ? (
            <>
              <p className="mb-2 text-xs text-muted-foreground" data-testid="compare-diff-summary">
                vs base: {diffSummary(diff)}
              </p>
              <DiffText diff={diff} className="max-h-[32rem] overflow-y-auto" />
            </>
          ) : (
            <Skeleton className="h-24 w-full" aria-label="Comparing" />
          )}
          {r.toolCalls?.length ? (
            <div className="mt-3 border-t pt-3">
              <RunToolCalls toolCalls={r.toolCalls} />
            </div>
          ) : null}
        </div>
      ) : (
        <RunOutput output={r.output ?? ''} status={r.status} streaming={false} truncated={r.outputTruncated} toolCalls={r.toolCalls} outputCheck={r.outputCheck} />
      )}
    </Shell>
  );
}
