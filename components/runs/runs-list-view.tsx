'use client';

import { PlayIcon, RefreshCwIcon, SearchXIcon, TriangleAlertIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { RunsTable } from './runs-table';
import type { useRunsList } from './use-runs-list';

type Props = {
  list: ReturnType<typeof useRunsList>;
  caption: string;
  promptTitles?: Map<string, string>;
  filtered: boolean;
  onClearFilters: () => void;
  emptyTitle: string;
  emptyDescription: React.ReactNode;
  emptyAction?: React.ReactNode;
};

/** The runs table with its loading, error, empty and "Load more" states. */
export function RunsListView({ list, caption, promptTitles, filtered, onClearFilters, emptyTitle, emptyDescription, emptyAction }: Props) {
  if (list.status === 'loading') {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading runs" data-testid="runs-loading">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    );
  }
  if (list.status === 'error') {
    return (
      <EmptyState
        icon={<TriangleAlertIcon />}
        title="Couldn't load runs"
        description={list.error}
        titleAs="h3"
        action={
          <Button variant="outline" onClick={list.retry}>
            <RefreshCwIcon aria-hidden="true" />
            Try again
          </Button>
        }
        data-testid="runs-error"
      />
    );
  }
  if (list.items.length === 0) {
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
        className={list.stale ? 'opacity-60' : undefined}
        data-testid="runs-empty"
      />
    ) : (
      <EmptyState icon={<PlayIcon />} title={emptyTitle} description={emptyDescription} action={emptyAction} titleAs="h3" data-testid="runs-empty" />
    );
  }
  return (
    <div className="grid gap-3">
      <RunsTable runs={list.items} promptTitles={promptTitles} stale={list.stale} caption={caption} />
      {list.nextCursor || list.error ? (
        <div className="flex flex-wrap items-center justify-center gap-3">
          {list.error ? <p className="text-sm text-destructive">{list.error}</p> : null}
          {list.nextCursor ? (
            <Button variant="outline" onClick={() => void list.loadMore()} disabled={list.loadingMore} data-testid="runs-load-more">
              {list.loadingMore ? <Spinner label="Loading more runs" /> : null}
              Load more
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
