'use client';

import { useEffect, useMemo, useState } from 'react';
import Link from 'next/link';
import { useAvailableProviders } from '@/components/providers/use-providers';
import { EMPTY_FILTERS, filtersToQuery, filtersToSearch, hasFilters, type RunFilterValues } from '@/components/runs/run-filters';
import { isInFlight } from '@/components/runs/run-format';
import { RunsChart } from '@/components/runs/runs-chart';
import { RunsFilterBar } from '@/components/runs/runs-filter-bar';
import { RunsListView } from '@/components/runs/runs-list-view';
import { useDebounced } from '@/lib/client/use-debounced';
import { useRuns } from '@/components/runs/use-runs';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { pageItems } from '@/lib/client/pages';
import type { Run } from '@/lib/client/types';

/** The prompts the loaded runs belong to, by title, for the prompt filter. */
function promptOptions(runs: Run[]): { id: string; title: string }[] {
  const titles = new Map<string, string>();
  for (const run of runs) if (run.promptTitle && !titles.has(run.promptId)) titles.set(run.promptId, run.promptTitle);
  return [...titles].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title));
}

/** Every run in the workspace, newest first, with filters mirrored in the address bar. */
export function RunsExplorer({ initialFilters }: { initialFilters: RunFilterValues }) {
  const [filters, setFilters] = useState<RunFilterValues>(initialFilters);
  const q = useDebounced(filters.q, 250);
  const model = useDebounced(filters.model, 250);
  const version = useDebounced(filters.versionNumber, 250);
  const applied = useMemo(() => ({ ...filters, q, model, versionNumber: version }), [filters, q, model, version]);
  const list = useRuns(useMemo(() => Object.fromEntries(filtersToQuery(applied)), [applied]));
  const runs = useMemo(() => pageItems(list.data), [list.data]);
  const { providers } = useAvailableProviders();
  const models = useMemo(() => [...new Set(runs.map((r) => r.model))].sort(), [runs]);
  const prompts = useMemo(() => promptOptions(runs), [runs]);
  const filtered = hasFilters(filters);
  const live = runs.some((r) => isInFlight(r.status));

  // Mirror the applied filters in the URL without a server round trip (Next keeps its router in sync).
  useEffect(() => {
    const next = `${window.location.pathname}${filtersToSearch(applied)}`;
    if (next !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', next);
  }, [applied]);

  const promptTitle = filters.promptId ? prompts.find((p) => p.id === filters.promptId)?.title : undefined;

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight">
            Runs
            {live ? (
              <Badge variant="outline" className="gap-1.5 font-normal" data-testid="runs-live">
                <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-success" />
                live
              </Badge>
            ) : null}
          </h1>
          <p className="text-sm text-muted-foreground">
            {filters.promptId ? (
              <>
                Runs of{' '}
                <Link href={`/prompts/${encodeURIComponent(filters.promptId)}`} className="font-medium text-foreground hover:underline">
                  {promptTitle ?? 'this prompt'}
                </Link>
                .
              </>
            ) : (
              'Every run in this workspace, from the editor and the API.'
            )}
          </p>
        </div>
      </div>
      <RunsFilterBar
        values={filters}
        onChange={(patch) => setFilters((prev) => ({ ...prev, ...patch }))}
        onClear={filtered ? () => setFilters(EMPTY_FILTERS) : undefined}
        prompts={prompts}
        providers={providers}
        models={models}
        dates
      />
      {runs.length > 0 ? <RunsChart runs={runs} /> : null}
      <RunsListView
        list={list}
        runs={runs}
        caption="Runs, newest first"
        showPrompt
        filtered={filtered}
        onClearFilters={() => setFilters(EMPTY_FILTERS)}
        emptyTitle="No runs yet"
        emptyDescription="Open a prompt and press Run, or start runs through the API; they all show up here."
        emptyAction={
          <Button asChild>
            <Link href="/prompts">Go to prompts</Link>
          </Button>
        }
      />
    </div>
  );
}
