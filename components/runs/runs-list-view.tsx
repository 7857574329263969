'use client';

import { PlayIcon, RefreshCwIcon, SearchXIcon, TriangleAlertIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/client/api';
import type { Run } from '@/lib/client/types';
import { CompareRunsBar } from './compare-runs-bar';
import { RunsTable } from './runs-table';
import { useRunSelection } from './use-run-selection';
import type { RunsList } from './use-runs';

type Props = {
  list: RunsList;
  /** The loaded runs of `list`, flattened. */
  runs: Run[];
  caption: string;
  /** Adds a Prompt column (the workspace-wide list). */
  showPrompt?: boolean;
  filtered: boolean;
  onClearFilters: () => void;
  emptyTitle: string;
  emptyDescription: React.ReactNode;
  emptyAction?: React.ReactNode;
  /** Checkboxes to pick runs and compare them (on unless turned off). */
  selectable?: boolean;
};

/** The runs table with its loading, error, empty and "Load more" states. */
export function RunsListView({ list, runs, caption, showPrompt, filtered, onClearFilters, emptyTitle, emptyDescription, emptyAction, selectable = true }: Props) {
  const selection = useRunSelection();
  if (list.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading runs" data-testid="runs-loading">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    );
  }
  if (list.isError && !list.data) {
    return (
      <EmptyState
        icon={<TriangleAlertIcon />}
        title="Couldn't load runs"
        description={errorMessage(list.error)}
        titleAs="h3"
        action={
          <Button variant="outline" onClick={() => void list.refetch()}>
            <RefreshCwIcon aria-hidden="true" />
            Try again
          </Button>
        }
        data-testid="runs-error"
      />
    );
  }
  const stale = list.isPlaceholderData;
  if (runs.length === 0) {
    return filtered ? (
      <EmptyState
        icon={<SearchXIcon />}
        title="No runs match these filters"
        description="Try another status, model or search, or clear the filters."
        titleAs="h3"
        action={
          <Button variant="outline" onClick={onClearFilters}>
            Clear filters
          </Button>
        }
        className={stale ? 'opacity-60' : undefined}
        data-testid="runs-empty"
      />
    ) : (
      <EmptyState icon={<PlayIcon />} title={emptyTitle} description={emptyDescription} action={emptyAction} titleAs="h3" data-testid="runs-empty" />
    );
  }
  const moreError = list.isFetchNextPageError ? errorMessage(list.error) : null;
  return (
    <div className="grid gap-3">
      {selectable ? <CompareRunsBar selection={selection} /> : null}
      <RunsTable runs={runs} showPrompt={showPrompt} stale={stale} caption={caption} selection={selectable ? selection : undefined} />
      {list.hasNextPage || moreError ? (
        <div className="flex flex-wrap items-center justify-center gap-3">
          {moreError ? <p className="text-sm text-destructive">{moreError}</p> : null}
          {list.hasNextPage ? (
            <Button variant="outline" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} data-testid="runs-load-more">
              {list.isFetchingNextPage ? <Spinner label="Loading more runs" /> : null}
              Load more
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
