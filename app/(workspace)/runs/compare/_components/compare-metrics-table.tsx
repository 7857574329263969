import { formatDuration } from '@/components/runs/run-format';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { RunVersionLabel } from '@/components/runs/run-version-label';
import { formatCost, formatCount } from '@/lib/client/format';
import type { Run } from '@/lib/client/types';
import { cn } from '@/lib/utils';
import { runName } from './compare-labels';

type Column = { index: number; run: Run };
type Metric = {
  label: string;
  show: (run: Run) => React.ReactNode;
  /** Lower is better: the lowest value is highlighted (when the runs differ). */
  value?: (run: Run) => number | null;
};

const tokens = (pick: (usage: NonNullable<Run['usage']>) => number) => (run: Run) =>
  run.usage ? `${run.usage.estimated ? '~' : ''}${formatCount(pick(run.usage))}` : '—';

const METRICS: Metric[] = [
  { label: 'Model', show: (run) => <span className="font-mono text-xs">{run.provider}/{run.model}</span> },
  { label: 'Version', show: (run) => <RunVersionLabel run={run} /> },
  { label: 'Status', show: (run) => <RunStatusBadge status={run.status} /> },
  { label: 'Tokens in', show: tokens((u) => u.inputTokens) },
  { label: 'Tokens out', show: tokens((u) => u.outputTokens) },
  { label: 'Total tokens', show: tokens((u) => u.totalTokens), value: (run) => run.usage?.totalTokens ?? null },
  { label: 'Cost', show: (run) => (run.usage || run.cached ? formatCost(run.costUsd) : '—'), value: (run) => (run.usage || run.cached ? run.costUsd : null) },
  { label: 'Latency', show: (run) => formatDuration(run.latencyMs), value: (run) => run.latencyMs },
  { label: 'Time to first token', show: (run) => formatDuration(run.ttftMs), value: (run) => run.ttftMs },
];

function bestOf(metric: Metric, columns: Column[]): number | null {
  if (!metric.value) return null;
  const values = columns.map((c) => metric.value!(c.run)).filter((v): v is number => v !== null);
  if (values.length < 2) return null;
  const best = Math.min(...values);
  return values.every((v) => v === best) ? null : best;
}

/** Every run's model, status, tokens, cost and timings in one table; the best (lowest) value of a row stands out. */
export function CompareMetricsTable({ columns }: { columns: Column[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border" data-testid="compare-metrics">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">Metrics of the compared runs; the best value of a row is marked.</caption>
        <thead className="border-b bg-muted/40">
          <tr>
            <th scope="col" className="px-3 py-2 text-left text-xs font-medium text-muted-foreground">
              <span className="sr-only">Metric</span>
            </th>
            {columns.map((c) => (
              <th key={c.run.id} scope="col" className="px-3 py-2 text-right text-xs font-medium whitespace-nowrap">
                {runName(c.index)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {METRICS.map((metric) => {
            const best = bestOf(metric, columns);
            return (
              <tr key={metric.label} className="border-b last:border-b-0">
                <th scope="row" className="px-3 py-1.5 text-left text-xs font-normal whitespace-nowrap text-muted-foreground">
                  {metric.label}
                </th>
                {columns.map((c) => {
                  const isBest = best !== null && metric.value!(c.run) === best;
                  return (
                    <td
                      key={c.run.id}
                      className={cn('px-3 py-1.5 text-right font-mono text-xs whitespace-nowrap tabular-nums', isBest && 'bg-success/10 font-semibold text-success')}
                      data-best={isBest ? 'true' : undefined}
                      data-metric={metric.label}
                    >
                      {metric.show(c.run)}
                      {isBest ? <span className="sr-only"> (best)</span> : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
