'use client';

import { useEffect, useMemo, useState } from 'react';
import Link from 'next/link';
import { EMPTY_FILTERS, filtersToQuery, filtersToSearch, hasFilters, type RunFilterValues } from '@/components/runs/run-filters';
import { RunsChart } from '@/components/runs/runs-chart';
import { RunsFilterBar } from '@/components/runs/runs-filter-bar';
import { RunsListView } from '@/components/runs/runs-list-view';
import { useDebounced } from '@/components/runs/use-debounced';
import { usePromptTitles } from '@/components/runs/use-prompt-titles';
import { useProviders } from '@/components/runs/use-providers';
import { useRunsList } from '@/components/runs/use-runs-list';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';

/** Every run in the workspace, newest first, with filters mirrored in the address bar. */
export function RunsExplorer({ initialFilters }: { initialFilters: RunFilterValues }) {
  const [filters, setFilters] = useState<RunFilterValues>(initialFilters);
  const q = useDebounced(filters.q, 250);
  const model = useDebounced(filters.model, 250);
  const version = useDebounced(filters.versionNumber, 250);
  const applied = useMemo(() => ({ ...filters, q, model, versionNumber: version }), [filters, q, model, version]);
  const query = useMemo(() => filtersToQuery(applied).toString(), [applied]);
  const list = useRunsList(query);
  const { prompts, titles } = usePromptTitles();
  const providers = useProviders();
  const models = useMemo(() => [...new Set(list.items.map((r) => r.model))].sort(), [list.items]);
  const filtered = hasFilters(filters);

  // Mirror the applied filters in the URL without a server round trip (Next keeps its router in sync).
  useEffect(() => {
    const next = `${window.location.pathname}${filtersToSearch(applied)}`;
    if (next !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', next);
  }, [applied]);

  const promptTitle = filters.promptId ? titles.get(filters.promptId) : undefined;

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight">
            Runs
            {list.live ? (
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
        providers={providers.providers}
        models={models}
        dates
      />
      {list.status === 'ready' && list.items.length > 0 ? <RunsChart runs={list.items} /> : null}
      <RunsListView
        list={list}
        caption="Runs, newest first"
        promptTitles={titles}
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
