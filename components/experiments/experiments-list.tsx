'use client';

import Link from 'next/link';
import { FlaskConicalIcon, RefreshCwIcon, SearchXIcon, TriangleAlertIcon } from 'lucide-react';
import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/client/api';
import type { Experiment, ExperimentStatus } from '@/lib/client/experiment-types';
import { formatAbsolute, formatCost, formatRelative, useNow } from '@/lib/client/format';
import { pageItems } from '@/lib/client/pages';
import { cn } from '@/lib/utils';
import { experimentPath } from './experiment-paths';
import { ExperimentStatusBadge } from './experiment-status-badge';
import { useExperiments } from './use-experiments';

type Props = {
  datasetId?: string;
  promptId?: string;
  status?: ExperimentStatus;
  /** Fewer columns and no big empty state: for a section of the dataset or prompt page. */
  compact?: boolean;
  /** Shown in the empty state (e.g. a "Test" button). */
  emptyAction?: React.ReactNode;
};

const TH = 'px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-muted-foreground';
const TD = 'px-3 py-2 align-middle whitespace-nowrap';

/** Experiments, newest first, filtered by dataset, prompt or status; each row opens its experiment. */
export function ExperimentsList({ datasetId, promptId, status, compact = false, emptyAction }: Props) {
  const filters = useMemo(() => ({ datasetId, promptId, status }), [datasetId, promptId, status]);
  const list = useExperiments(filters);
  const experiments = useMemo(() => pageItems(list.data), [list.data]);

  if (list.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading experiments">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-11 w-full" />
        ))}
      </div>
    );
  }
  if (list.isError && !list.data) {
    return (
      <EmptyState
        icon={<TriangleAlertIcon />}
        title="Couldn't load experiments"
        description={errorMessage(list.error)}
        titleAs="h3"
        action={
          <Button variant="outline" onClick={() => void list.refetch()}>
            <RefreshCwIcon aria-hidden="true" />
            Try again
          </Button>
        }
        data-testid="experiments-error"
      />
    );
  }
  if (experiments.length === 0) {
    return (
      <EmptyState
        icon={status ? <SearchXIcon /> : <FlaskConicalIcon />}
        title={status ? `No ${status} experiments` : 'No experiments yet'}
        description={
          status
            ? 'Try another status.'
            : 'An experiment runs prompt versions and models over a dataset, scores every output and tells you which variant is better.'
        }
        action={emptyAction}
        titleAs="h3"
        className={cn(compact && 'py-8')}
        data-testid="experiments-list"
        data-empty="true"
      />
    );
  }
  return (
    <div className="grid gap-3">
      <div className={cn('overflow-x-auto rounded-lg border transition-opacity', list.isPlaceholderData && 'opacity-60')}>
        <table className="w-full border-collapse text-sm" data-testid="experiments-list">
          <caption className="sr-only">Experiments</caption>
          <thead className="border-b bg-muted/40">
            <tr>
              <th scope="col" className={TH}>Name</th>
              <th scope="col" className={TH}>Status</th>
              <th scope="col" className={cn(TH, 'w-40')}>Progress</th>
              {compact ? null : <th scope="col" className={TH}>Dataset</th>}
              <th scope="col" className={TH}>Variants</th>
              <th scope="col" className={cn(TH, 'text-right')}>Cost</th>
              <th scope="col" className={TH}>Created</th>
            </tr>
          </thead>
          <tbody>
            {experiments.map((e) => (
              <ExperimentRow key={e.id} experiment={e} compact={compact} />
            ))}
          </tbody>
        </table>
      </div>
      {list.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? <Spinner label="Loading more experiments" /> : null}
            Load more
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function ExperimentRow({ experiment: e, compact }: { experiment: Experiment; compact: boolean }) {
  const now = useNow();
  const done = e.progress.succeeded + e.progress.errored + e.progress.canceled;
  const share = e.progress.total ? done / e.progress.total : 0;
  const variants = e.config.variants;
  return (
    <tr className="border-b transition-colors last:border-b-0 hover:bg-accent/50" data-testid="experiment-row" data-status={e.status}>
      <td className={cn(TD, 'max-w-72 truncate font-medium')}>
        <Link href={experimentPath(e.id)} className="hover:underline focus-visible:underline" title={e.name}>
          {e.name}
        </Link>
      </td>
      <td className={TD}>
        <ExperimentStatusBadge status={e.status} />
      </td>
      <td className={TD}>
        <div className="flex items-center gap-2">
          <div className="h-1.5 w-20 overflow-hidden rounded-full bg-muted" aria-hidden="true">
            <div className="h-full rounded-full bg-primary" style={{ width: `${Math.round(share * 100)}%` }} />
          </div>
          <span className="font-mono text-xs tabular-nums text-muted-foreground">
            {done}/{e.progress.total}
            {e.progress.errored ? <span className="text-destructive"> · {e.progress.errored} err</span> : null}
          </span>
        </div>
      </td>
      {compact ? null : (
        <td className={cn(TD, 'max-w-48 truncate text-muted-foreground')}>{e.datasetName ?? <span className="italic">Deleted dataset</span>}</td>
      )}
      <td className={cn(TD, 'max-w-64 truncate text-xs')} title={variants.map((v) => v.label).join(' vs ')}>
        {variants.length} · {variants.slice(0, 3).map((v) => v.label).join(' vs ')}
        {variants.length > 3 ? '…' : ''}
      </td>
      <td className={cn(TD, 'text-right font-mono text-xs tabular-nums')}>{formatCost(e.costUsd)}</td>
      <td className={cn(TD, 'text-xs text-muted-foreground')}>
        <time dateTime={e.createdAt} title={formatAbsolute(e.createdAt)}>
          {formatRelative(e.createdAt, now)}
        </time>
      </td>
    </tr>
  );
}
