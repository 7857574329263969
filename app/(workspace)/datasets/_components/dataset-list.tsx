'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import Link from 'next/link';
import { Database, FileUp, Plus, Search, SearchX } from 'lucide-react';
import { ImportDialog } from '@/components/datasets/import-dialog';
import { useDatasets } from '@/components/datasets/use-datasets';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Kbd } from '@/components/ui/kbd';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/client/api';
import { formatAbsolute, formatCount, formatRelative, useNow } from '@/lib/client/format';
import { pageItems } from '@/lib/client/pages';
import { useDebounced } from '@/lib/client/use-debounced';
import { cn } from '@/lib/utils';
import { NewDatasetDialog } from './new-dataset-dialog';

export function DatasetList() {
  const [input, setInput] = useState('');
  const query = useDebounced(input.trim(), 200);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const list = useDatasets(query);
  const items = useMemo(() => pageItems(list.data), [list.data]);
  const now = useNow();

  // "/" focuses search, "n" starts a new dataset and "i" imports a file, unless the user is typing.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]') || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === '/') searchRef.current?.focus();
      else if (event.key === 'n') setCreating(true);
      else if (event.key === 'i') setImporting(true);
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Datasets</h1>
          <p className="text-sm text-muted-foreground">Test cases for experiments: variable values and the output you expect.</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" onClick={() => setImporting(true)} data-testid="import-dataset">
            <FileUp aria-hidden /> Import a file <Kbd className="ml-1 hidden sm:inline-flex">I</Kbd>
          </Button>
          <Button onClick={() => setCreating(true)} data-testid="new-dataset">
            <Plus aria-hidden /> New dataset <Kbd className="ml-1 hidden sm:inline-flex">N</Kbd>
          </Button>
        </div>
      </div>

      <div className="relative max-w-md">
        <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input
          ref={searchRef}
          type="search"
          aria-label="Search datasets by name"
          placeholder="Search by name…"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          className="pl-9 pr-10"
          data-testid="dataset-search"
        />
        <Kbd className="absolute right-2.5 top-1/2 -translate-y-1/2">/</Kbd>
      </div>

      {list.isError && (
        <Alert variant="destructive">
          <AlertDescription>Could not load datasets: {errorMessage(list.error)}</AlertDescription>
        </Alert>
      )}

      {list.isPending && (
        <div className="grid gap-2" aria-busy="true">
          {Array.from({ length: 5 }, (_, i) => <Skeleton key={i} className="h-16 rounded-xl" />)}
        </div>
      )}

      {list.isSuccess && !list.isPlaceholderData && items.length === 0 && (
        query ? (
          <EmptyState icon={<SearchX />} title="No datasets match" description="Try another name." data-testid="empty-search" />
        ) : (
          <EmptyState
            icon={<Database />}
            title="No datasets yet"
            description="Start an empty dataset and add rows, or import a CSV, JSONL or JSON file with a preview and column mapping."
            action={
              <>
                <Button onClick={() => setCreating(true)}><Plus aria-hidden /> New dataset</Button>
                <Button variant="outline" onClick={() => setImporting(true)}><FileUp aria-hidden /> Import a file</Button>
              </>
            }
            data-testid="empty-datasets"
          />
        )
      )}

      {items.length > 0 && (
        <ul className={cn('divide-y overflow-hidden rounded-xl border bg-card transition-opacity', list.isPlaceholderData && 'opacity-60')} data-testid="datasets-list">
          {items.map((dataset) => (
            <li key={dataset.id}>
              <Link
                href={`/datasets/${dataset.id}`}
                data-testid="dataset-row"
                className="group flex flex-col gap-1 px-4 py-3 transition-colors hover:bg-accent/50 focus-visible:bg-accent/50 focus-visible:outline-none sm:flex-row sm:items-center sm:gap-4"
              >
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium group-hover:text-primary">{dataset.name}</p>
                  {dataset.description && <p className="truncate text-sm text-muted-foreground">{dataset.description}</p>}
                </div>
                <div className="flex shrink-0 items-center gap-3 text-xs text-muted-foreground sm:text-sm">
                  <span className="font-mono tabular-nums" data-testid="dataset-item-count">
                    {formatCount(dataset.itemCount)} {dataset.itemCount === 1 ? 'item' : 'items'}
                  </span>
                  <span aria-hidden>·</span>
                  <time dateTime={dataset.updatedAt} title={formatAbsolute(dataset.updatedAt)} className="whitespace-nowrap">
                    updated {formatRelative(dataset.updatedAt, now)}
                  </time>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}

      {list.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} data-testid="load-more">
            {list.isFetchingNextPage && <Spinner />} Load more
          </Button>
        </div>
      )}

      <NewDatasetDialog open={creating} onOpenChange={setCreating} />
      <ImportDialog open={importing} onOpenChange={setImporting} />
    </div>
  );
}
