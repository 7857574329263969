'use client';

import { variantColor } from '@/components/experiments/chart-scale';
import { formatDuration } from '@/components/runs/run-format';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/client/api';
import { formatCost, formatCount } from '@/lib/client/format';
import type { SplitVersionStats } from './label-types';
import { useLabelStats } from './use-labels';

const DAYS = 30;
const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);

type Bar = { title: string; value: (v: SplitVersionStats) => number | null; text: (v: SplitVersionStats) => string };

// What the bars compare, each scaled to its own largest value.
const BARS: Bar[] = [
  { title: 'Runs', value: (v) => v.runs, text: (v) => formatCount(v.runs) },
  { title: 'Error rate', value: (v) => v.errorRate, text: (v) => pct(v.errorRate) },
  { title: 'Latency p95', value: (v) => v.latencyP95Ms, text: (v) => formatDuration(v.latencyP95Ms) },
  { title: 'Cost per run', value: (v) => v.avgCostUsd, text: (v) => (v.avgCostUsd === null ? '—' : formatCost(v.avgCostUsd)) },
];

/** The split's versions side by side on the runs the label served (last 30 days), and their experiment scores. */
export function SplitCompare({ promptId, label }: { promptId: string; label: string }) {
  const stats = useLabelStats(promptId, label, DAYS);
  if (stats.isPending) return <Skeleton className="h-32 w-full" />;
  if (stats.isError) return <p className="text-sm text-destructive">Couldn&apos;t load the comparison: {errorMessage(stats.error)}</p>;
  const versions = stats.data.versions;
  const served = versions.reduce((sum, v) => sum + v.runs, 0);

  return (
    <div className="grid gap-3" data-testid={`split-compare-${label}`}>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[28rem] text-xs tabular-nums">
          <caption className="pb-1 text-left text-muted-foreground">
            Runs through {label} in the last {DAYS} days{served === 0 ? ': none yet. Apps record them by fetching or running the prompt with this label.' : ''}
          </caption>
          <thead className="text-muted-foreground">
            <tr className="border-b text-right [&>th]:px-2 [&>th]:py-1 [&>th]:font-medium">
              <th className="text-left">Version</th>
              <th>Weight</th>
              <th>Runs</th>
              <th>Errors</th>
              <th>p50 / p95</th>
              <th>Cost</th>
              <th>Experiment score</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v, i) => (
              <tr key={v.versionNumber} className="border-b last:border-0 text-right font-mono [&>td]:px-2 [&>td]:py-1.5" data-testid="split-compare-row" data-version={v.versionNumber}>
                <td className="text-left">
                  <span className="inline-flex items-center gap-1.5">
                    <span aria-hidden="true" className="size-2 rounded-full" style={{ background: variantColor(i) }} />v{v.versionNumber}
                  </span>
                </td>
                <td>{v.weight}%</td>
                <td>{formatCount(v.runs)}</td>
                <td className={v.errors ? 'text-destructive' : undefined}>
                  {formatCount(v.errors)} ({pct(v.errorRate)})
                </td>
                <td>
                  {formatDuration(v.latencyP50Ms)} / {formatDuration(v.latencyP95Ms)}
                </td>
                <td>{formatCost(v.costUsd)}</td>
                <td title={v.experimentScore ? `over ${v.experimentScore.cells} experiment cells` : 'not in any experiment'}>
                  {v.experimentScore?.mean != null ? v.experimentScore.mean.toFixed(2) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {served > 0 ? (
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-hidden="true" data-testid="split-compare-bars">
          {BARS.map((bar) => {
            const max = Math.max(0, ...versions.map((v) => bar.value(v) ?? 0));
            return (
              <figure key={bar.title} className="grid content-start gap-1">
                <figcaption className="text-[0.6875rem] text-muted-foreground">{bar.title}</figcaption>
                {versions.map((v, i) => {
                  const value = bar.value(v);
                  return (
                    <div key={v.versionNumber} className="flex items-center gap-1.5 text-[0.6875rem]">
                      <span className="w-7 shrink-0 font-mono">v{v.versionNumber}</span>
                      <span className="h-2 flex-1 rounded-sm bg-muted">
                        <span className="block h-full rounded-sm" style={{ width: `${max > 0 && value ? (value / max) * 100 : 0}%`, background: variantColor(i) }} />
                      </span>
                      <span className="w-14 shrink-0 text-right font-mono tabular-nums">{bar.text(v)}</span>
                    </div>
                  );
                })}
              </figure>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
