'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import Link from 'next/link';
import { ArrowLeft, Database, FileQuestion, FileUp, Plus, RefreshCw, Search, TriangleAlert } from 'lucide-react';
import { ImportDialog } from '@/components/datasets/import-dialog';
import { useAddItems, useDataset, useDatasetItems } from '@/components/datasets/use-datasets';
import { ExperimentsList } from '@/components/experiments/experiments-list';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Kbd } from '@/components/ui/kbd';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { ApiClientError, errorMessage } from '@/lib/client/api';
import { plainMessage } from '@/lib/client/field-errors';
import { formatCount } from '@/lib/client/format';
import { pageItems } from '@/lib/client/pages';
import { useDebounced } from '@/lib/client/use-debounced';
import { AddVariable } from './add-variable';
import { DatasetGrid } from './dataset-grid';
import { DatasetHeader } from './dataset-header';

export function DatasetView({ datasetId }: { datasetId: string }) {
  const dataset = useDataset(datasetId);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const items = useDatasetItems(datasetId, q);
  const rows = useMemo(() => pageItems(items.data), [items.data]);
  const add = useAddItems();
  const [importing, setImporting] = useState(false);
  const [extra, setExtra] = useState<string[]>([]);
  const [focusItemId, setFocusItemId] = useState<string | null>(null);
  // "Add row" on a dataset without variables asks for the first one, then adds the row with it.
  const [naming, setNaming] = useState(false);
  const [rowAfterNaming, setRowAfterNaming] = useState(false);
  const onFocused = useCallback(() => setFocusItemId(null), []);

  // The grid holds every item: load the remaining pages one after another.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = items;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (!dataset.data) {
    if (!dataset.error) return <Skeleton className="h-96 rounded-xl" aria-busy="true" />;
    const notFound = dataset.error instanceof ApiClientError && dataset.error.status === 404;
    return (
      <EmptyState
        icon={notFound ? <FileQuestion /> : <TriangleAlert />}
        title={notFound ? "This dataset doesn't exist" : "Couldn't load this dataset"}
        description={notFound ? 'Check the link, or pick a dataset from the list.' : errorMessage(dataset.error)}
        action={
          <>
            {!notFound && <Button onClick={() => void dataset.refetch()}><RefreshCw aria-hidden /> Try again</Button>}
            <Button variant={notFound ? 'default' : 'outline'} asChild><Link href="/datasets">All datasets</Link></Button>
          </>
        }
        data-testid={notFound ? 'dataset-not-found' : 'dataset-load-error'}
        className="mt-8"
      />
    );
  }

  const detail = dataset.data;
  const variables = [...detail.variables, ...extra.filter((v) => !detail.variables.includes(v))];

  function addRow(names: string[] = variables) {
    if (names.length === 0) {
      setNaming(true);
      setRowAfterNaming(true);
      return;
    }
    add.mutate(
      { datasetId, body: { input: Object.fromEntries(names.map((v) => [v, ''])) } },
      {
        onSuccess: (res) => {
          setSearch('');
          setFocusItemId(res.items[0]?.id ?? null);
        },
        onError: (error) => toast({ title: 'Could not add a row', description: plainMessage(errorMessage(error)), variant: 'error' }),
      },
    );
  }

  const empty = items.isSuccess && !items.isPlaceholderData && rows.length === 0;

  return (
    <div className="grid min-w-0 gap-6" data-testid="dataset-view">
      <Link href="/datasets" className="inline-flex w-fit items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> All datasets
      </Link>
      <DatasetHeader dataset={detail} onImport={() => setImporting(true)} />

      <section className="grid min-w-0 gap-3" aria-label="Items">
        <div className="flex flex-wrap items-center gap-2">
          <div className="relative w-full max-w-xs sm:w-auto sm:flex-1">
            <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
            <Input type="search" aria-label="Search items" placeholder="Search items…" value={search} onChange={(e) => setSearch(e.target.value)} className="h-8 pl-9" data-testid="item-search" />
          </div>
          <span className="text-xs text-muted-foreground" aria-live="polite">
            {items.isFetching && <Spinner className="mr-1 inline size-3" />}
            {q ? `${formatCount(rows.length)} matching` : rows.length < detail.itemCount ? `${formatCount(rows.length)} of ${formatCount(detail.itemCount)} loaded` : null}
          </span>
          <div className="ml-auto flex flex-wrap gap-2">
            <AddVariable
              existing={variables}
              open={naming}
              onOpenChange={(open) => { setNaming(open); if (!open) setRowAfterNaming(false); }}
              placeholder={rowAfterNaming ? 'first variable, e.g. topic' : undefined}
              onAdd={(name) => {
                setExtra((e) => [...e, name]);
                if (rowAfterNaming) addRow([...variables, name]);
              }}
            />
            <Button size="sm" onClick={() => addRow()} disabled={add.isPending} data-testid="add-item">
              {add.isPending ? <Spinner /> : <Plus aria-hidden />} Add row
            </Button>
          </div>
        </div>

        {items.isError && <p className="text-sm text-destructive">Could not load the items: {errorMessage(items.error)}</p>}
        {items.isPending && <Skeleton className="h-96 rounded-xl" />}
        {empty && !q && (
          <EmptyState
            icon={<Database />}
            title="No items yet"
            description="Add rows by hand, import a CSV, JSONL or JSON file, or use “Add to dataset” on any run."
            action={
              <>
                <Button onClick={() => addRow()} disabled={add.isPending}><Plus aria-hidden /> Add a row</Button>
                <Button variant="outline" onClick={() => setImporting(true)}><FileUp aria-hidden /> Import a file</Button>
              </>
            }
            data-testid="empty-items"
          />
        )}
        {empty && q && <p className="rounded-xl border border-dashed px-4 py-8 text-center text-sm text-muted-foreground">No items match “{q}”.</p>}
        {rows.length > 0 && (
          <>
            <DatasetGrid datasetId={datasetId} variables={detail.variables} extraVariables={extra} items={rows} focusItemId={focusItemId} onFocused={onFocused} />
            <p className="hidden flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground sm:flex">
              <span><Kbd>↑</Kbd> <Kbd>↓</Kbd> <Kbd>←</Kbd> <Kbd>→</Kbd> move</span>
              <span><Kbd>Enter</Kbd> edit</span>
              <span>type to replace</span>
              <span><Kbd>Esc</Kbd> cancel</span>
              <span><Kbd>PgUp</Kbd> <Kbd>PgDn</Kbd> page</span>
              <span><Kbd>Ctrl</Kbd>+<Kbd>Home</Kbd> / <Kbd>End</Kbd> first or last row</span>
            </p>
          </>
        )}
      </section>

      <section className="grid min-w-0 gap-3" aria-labelledby="dataset-experiments">
        <h2 id="dataset-experiments" className="text-lg font-semibold tracking-tight">Experiments</h2>
        <ExperimentsList datasetId={datasetId} compact />
      </section>

      <ImportDialog datasetId={datasetId} open={importing} onOpenChange={setImporting} />
    </div>
  );
}
