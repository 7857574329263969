'use client';

import { AllRunsLink } from '@/components/runs/all-runs-link';
import { useEffect, useMemo, useState } from 'react';
import Link from 'next/link';
import { GitCompareArrowsIcon } from 'lucide-react';
import { compareRunsHref, MAX_COMPARE_RUNS } from '@/components/runs/compare-runs';
import { NativeSelect } from '@/components/prompts/native-select';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Label } from '@/components/ui/label';
import type { Run } from '@/lib/client/types';
import { runName } from './compare-labels';
import { CompareMetricsTable } from './compare-metrics-table';
import { CompareOutputColumn } from './compare-output-column';
import { ComparePrompts } from './compare-prompts';
import { useCompareRuns } from './use-compare-runs';

/** Runs side by side: outputs (optionally diffed against a base run), the prompts that produced them, metrics. */
export function CompareRunsView({ ids, initialBaseId }: { ids: string[]; initialBaseId: string | undefined }) {
  const items = useCompareRuns(ids);
  const [baseId, setBaseId] = useState(initialBaseId);
  const [showDiff, setShowDiff] = useState(true);
  const columns = useMemo(() => items.flatMap((item, index) => (item.state === 'ready' ? [{ index, run: item.run }] : [])), [items]);
  const baseColumn = columns.find((c) => c.run.id === baseId) ?? columns[0];
  const base: Run | null = baseColumn?.run ?? null;

  // The base is part of the link, so a shared comparison opens against the same run.
  useEffect(() => {
    if (!baseId) return;
    const next = compareRunsHref(ids, baseId);
    if (next !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', next);
  }, [ids, baseId]);

  if (ids.length < 2) {
    return (
      <EmptyState
        icon={<GitCompareArrowsIcon />}
        title="Pick runs to compare"
        description={`Select 2 to ${MAX_COMPARE_RUNS} runs in a runs list, then press Compare.`}
        action={
          <Button asChild>
            <Link href="/runs">Go to runs</Link>
          </Button>
        }
        className="mt-8"
        data-testid="compare-empty"
      />
    );
  }

  return (
    <div className="grid grid-cols-1 gap-6" data-testid="compare-runs-page">
      <AllRunsLink />
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid grid-cols-1 gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">Compare runs</h1>
          <p className="text-sm text-muted-foreground">
            {ids.length} runs side by side{base && baseColumn ? `, differences marked against ${runName(baseColumn.index)}` : ''}.
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-4">
          <div className="grid grid-cols-1 gap-1.5">
            <Label htmlFor="compare-base">Base run</Label>
            <NativeSelect id="compare-base" value={base?.id ?? ''} onChange={(e) => setBaseId(e.target.value)} wrapperClassName="w-56" data-testid="compare-base">
              {columns.map((c) => (
                <option key={c.run.id} value={c.run.id}>
                  {runName(c.index)} · {c.run.model}
                </option>
              ))}
            </NativeSelect>
          </div>
          <label className="flex h-9 items-center gap-2 text-sm">
            <input type="checkbox" checked={showDiff} onChange={(e) => setShowDiff(e.target.checked)} className="size-4 accent-primary" data-testid="compare-show-diff" />
            Show differences
          </label>
        </div>
      </header>

      <section aria-labelledby="compare-outputs-heading" className="grid grid-cols-1 gap-2">
        <h2 id="compare-outputs-heading" className="text-sm font-semibold">
          Outputs
        </h2>
        {/* Columns on wider screens (scrolling sideways past three), one under the other on phones. */}
        <div className="grid grid-cols-1 gap-3 md:grid-cols-none md:auto-cols-[minmax(18rem,1fr)] md:grid-flow-col md:overflow-x-auto md:pb-2" data-testid="compare-columns">
          {items.map((item, index) => (
            <CompareOutputColumn key={item.id} item={item} index={index} base={base} showDiff={showDiff} onMakeBase={setBaseId} />
          ))}
        </div>
      </section>

      {columns.length > 0 ? (
        <section aria-labelledby="compare-metrics-heading" className="grid grid-cols-1 gap-2">
          <h2 id="compare-metrics-heading" className="text-sm font-semibold">
            Metrics
          </h2>
          <CompareMetricsTable columns={columns} />
        </section>
      ) : null}

      {base && baseColumn && columns.length > 1 ? (
        <section aria-labelledby="compare-prompts-heading" className="grid grid-cols-1 gap-2">
          <h2 id="compare-prompts-heading" className="text-sm font-semibold">
            Prompts
          </h2>
          <ComparePrompts base={base} baseIndex={baseColumn.index} columns={columns} />
        </section>
      ) : null}
    </div>
  );
}
