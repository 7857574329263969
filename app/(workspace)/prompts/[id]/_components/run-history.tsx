'use client';

import { useMemo, useState } from 'react';
import Link from 'next/link';
import { ActivityIcon, ArrowRightIcon } from 'lucide-react';
import { EMPTY_FILTERS, filtersToQuery, hasFilters, type RunFilterValues } from '@/components/runs/run-filters';
import { RunsFilterBar } from '@/components/runs/runs-filter-bar';
import { RunsListView } from '@/components/runs/runs-list-view';
import { useDebounced } from '@/lib/client/use-debounced';
import { isInFlight } from '@/components/runs/run-format';
import { useRuns } from '@/components/runs/use-runs';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { pageItems } from '@/lib/client/pages';

type Props = {
  promptId: string;
  /** The prompt's newest version number: the version filter offers 1 to it. */
  versionCount: number;
  onRunFirst?: () => void;
};

/** This prompt's runs, newest first, filterable, and live while any is in flight (new runs refresh it). */
export function RunHistory({ promptId, versionCount, onRunFirst }: Props) {
  const [filters, setFilters] = useState<RunFilterValues>({ ...EMPTY_FILTERS, promptId });
  const q = useDebounced(filters.q, 250);
  const model = useDebounced(filters.model, 250);
  const query = useMemo(() => Object.fromEntries(filtersToQuery({ ...filters, q, model, promptId })), [filters, q, model, promptId]);
  const list = useRuns(query);
  const runs = useMemo(() => pageItems(list.data), [list.data]);
  const models = useMemo(() => [...new Set(runs.map((r) => r.model))].sort(), [runs]);
  const versions = useMemo(() => Array.from({ length: versionCount }, (_, i) => versionCount - i), [versionCount]);
  const live = runs.some((r) => isInFlight(r.status));
  const filtered = hasFilters(filters, ['promptId']);
  const clear = () => setFilters({ ...EMPTY_FILTERS, promptId });

  return (
    <section aria-labelledby="runs-heading" className="grid gap-4 rounded-xl border bg-card p-4 text-card-foreground shadow-xs" data-testid="run-history">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="runs-heading" className="flex items-center gap-2 text-sm font-semibold">
          <ActivityIcon aria-hidden="true" className="size-4 text-muted-foreground" />
          Runs
          {live ? (
            <Badge variant="outline" className="gap-1.5 font-normal" data-testid="runs-live">
              <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-success" />
              live
            </Badge>
          ) : null}
        </h2>
        <Button variant="ghost" size="sm" asChild>
          <Link href={`/runs?promptId=${encodeURIComponent(promptId)}`}>
            All runs of this prompt
            <ArrowRightIcon aria-hidden="true" />
          </Link>
        </Button>
      </div>
      <RunsFilterBar
        values={filters}
        onChange={(patch) => setFilters((prev) => ({ ...prev, ...patch }))}
        onClear={filtered ? clear : undefined}
        versions={versions}
        models={models}
      />
      <RunsListView
        list={list}
        runs={runs}
        caption="Runs of this prompt, newest first"
        filtered={filtered}
        onClearFilters={clear}
        emptyTitle="No runs yet"
        emptyDescription="Press Run to see the model's answer in Output; every run is listed here."
        emptyAction={
          onRunFirst ? (
            <Button variant="outline" onClick={onRunFirst}>
              Go to the run panel
            </Button>
          ) : undefined
        }
      />
    </section>
  );
}
