'use client';

import { useMemo, useState } from 'react';
import { RefreshCwIcon, TriangleAlertIcon } from 'lucide-react';
import { isExperimentLive } from '@/components/experiments/experiment-paths';
import { buildGridRows } from '@/components/experiments/grid-model';
import { useExperiment, useExperimentCells, useExperimentItems } from '@/components/experiments/use-experiments';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/client/api';
import type { Cell, ExperimentDetail, ExperimentItem } from '@/lib/client/experiment-types';
import { ExperimentCharts } from './experiment-charts';
import { ExperimentGrid } from './experiment-grid';
import { ExperimentHeader } from './experiment-header';
import { ExperimentProgress } from './experiment-progress';
import { VariantSummaryCards } from './variant-summary-cards';
import { VerdictPanel } from './verdict-panel';

const flatten = <T,>(data: { pages: { items: T[] }[] } | undefined): T[] => data?.pages.flatMap((p) => p.items) ?? [];

/** The experiment page: progress, per-variant summary, verdict, charts and the grid of cells. */
export function ExperimentView({ experimentId }: { experimentId: string }) {
  const { data: experiment, error, refetch, stream } = useExperiment(experimentId);
  if (!experiment) {
    if (error) {
      return (
        <EmptyState
          icon={<TriangleAlertIcon />}
          title="Couldn't load this experiment"
          description={errorMessage(error)}
          action={
            <Button variant="outline" onClick={() => void refetch()}>
              <RefreshCwIcon aria-hidden="true" />
              Try again
            </Button>
          }
          data-testid="experiment-error"
        />
      );
    }
    return <PageSkeleton />;
  }
  return <Loaded experiment={experiment} stream={stream} />;
}

function Loaded({ experiment: e, stream }: { experiment: ExperimentDetail; stream: ReturnType<typeof useExperiment>['stream'] }) {
  const live = isExperimentLive(e.status);
  const items = useExperimentItems(e.id);
  const cells = useExperimentCells(e.id, live, e.totalCells);
  const itemList = useMemo(() => flatten<ExperimentItem>(items.data), [items.data]);
  const cellList = useMemo(() => flatten<Cell>(cells.data), [cells.data]);
  const rows = useMemo(() => buildGridRows(itemList, cellList, e.config.variants.length, e.config.repeats), [itemList, cellList, e.config.variants.length, e.config.repeats]);
  const [pair, setPair] = useState<[number, number]>([0, 1]);
  const loadError = (items.isError && !items.data) || (cells.isError && !cells.data) ? (items.error ?? cells.error) : null;
  const loadingMore = items.hasNextPage || cells.hasNextPage;

  return (
    <div className="grid gap-6">
      <ExperimentHeader experiment={e} />
      <ExperimentProgress experiment={e} stream={stream} />
      <VariantSummaryCards summary={e.summary} />
      {e.config.variants.length > 1 ? <VerdictPanel experiment={e} a={pair[0]} b={pair[1]} onChange={(a, b) => setPair([a, b])} /> : null}
      <ExperimentCharts summary={e.summary} cells={cellList} />
      <div className="grid gap-2">
        <h2 className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          Cells
          {loadingMore ? (
            <span className="text-xs font-normal text-muted-foreground" aria-live="polite">
              loading {cellList.length.toLocaleString()} / {e.totalCells.toLocaleString()}…
            </span>
          ) : null}
        </h2>
        {loadError ? (
          <EmptyState
            icon={<TriangleAlertIcon />}
            title="Couldn't load the cells"
            description={errorMessage(loadError)}
            titleAs="h3"
            action={
              <Button
                variant="outline"
                onClick={() => {
                  void items.refetch();
                  void cells.refetch();
                }}
              >
                <RefreshCwIcon aria-hidden="true" />
                Try again
              </Button>
            }
            data-testid="grid-error"
          />
        ) : items.isPending || cells.isPending ? (
          <div className="grid gap-2" aria-busy="true" aria-label="Loading cells">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-24 w-full" />
            ))}
          </div>
        ) : rows.length === 0 ? (
          <EmptyState title="No cells yet" description="This experiment has no items to show." titleAs="h3" data-testid="grid-empty" />
        ) : (
          <ExperimentGrid experiment={e} rows={rows} />
        )}
      </div>
    </div>
  );
}

function PageSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading the experiment">
      <Skeleton className="h-9 w-72" />
      <Skeleton className="h-16 w-full" />
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-48" />
        ))}
      </div>
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
