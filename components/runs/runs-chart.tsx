'use client';

import { useMemo } from 'react';
import { formatCost, useNow } from '@/lib/client/format';
import type { Run } from '@/lib/client/types';
import { formatDuration } from './run-format';

const DAYS = 14;
const HEIGHT = 56;
const BAR_GAP = 3;

type Day = { start: number; label: string; succeeded: number; failed: number; other: number };

const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? null;
}

function summarize(runs: Run[], now: number) {
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  const days: Day[] = Array.from({ length: DAYS }, (_, i) => {
    const start = new Date(today);
    start.setDate(today.getDate() - (DAYS - 1 - i));
    return { start: start.getTime(), label: dayLabel.format(start), succeeded: 0, failed: 0, other: 0 };
  });
  const first = days[0]?.start ?? 0;
  for (const run of runs) {
    const at = Date.parse(run.createdAt);
    if (at < first) continue;
    // Days differ in length across DST changes: find the bucket instead of dividing.
    const day = days.findLast((d) => d.start <= at);
    if (!day) continue;
    if (run.status === 'succeeded') day.succeeded++;
    else if (run.status === 'failed') day.failed++;
    else day.other++;
  }
  const finished = runs.filter((r) => r.status === 'succeeded' || r.status === 'failed');
  const latencies = runs
    .filter((r) => r.status === 'succeeded' && !r.cached && r.latencyMs !== null)
    .map((r) => r.latencyMs as number)
    .sort((a, b) => a - b);
  const priced = runs.filter((r) => r.costUsd !== null);
  const unpriced = runs.filter((r) => r.costUsd === null && r.usage !== null).length;
  return {
    days,
    max: Math.max(1, ...days.map((d) => d.succeeded + d.failed + d.other)),
    successRate: finished.length ? finished.filter((r) => r.status === 'succeeded').length / finished.length : null,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    cost: priced.reduce((sum, r) => sum + (r.costUsd ?? 0), 0),
    unpriced,
  };
}

/** Runs per day over the last two weeks, with success rate, latency and spend, for the runs loaded. */
export function RunsChart({ runs }: { runs: Run[] }) {
  const now = useNow();
  const stats = useMemo(() => (now ? summarize(runs, now) : null), [runs, now]);
  if (!stats) return <div className="h-[7.5rem]" aria-hidden="true" />;
  const width = 100 / DAYS;
  const scale = (n: number) => (n / stats.max) * (HEIGHT - 4);
  const total = stats.days.reduce((sum, d) => sum + d.succeeded + d.failed + d.other, 0);

  return (
    <section aria-label="Run activity" className="grid gap-4 rounded-xl border bg-card p-4 text-card-foreground shadow-xs sm:grid-cols-[minmax(0,1fr)_auto]" data-testid="runs-chart">
      <figure className="grid min-w-0 gap-1.5">
        <figcaption className="flex items-baseline justify-between gap-2 text-xs text-muted-foreground">
          <span>Runs per day, last {DAYS} days</span>
          <span className="flex items-center gap-3">
            <Legend className="bg-success" label="succeeded" />
            <Legend className="bg-destructive" label="failed" />
            <Legend className="bg-muted-foreground/40" label="other" />
          </span>
        </figcaption>
        <svg
          viewBox={`0 0 100 ${HEIGHT}`}
          preserveAspectRatio="none"
          className="h-14 w-full overflow-visible"
          role="img"
          aria-label={`${total} runs in the last ${DAYS} days among those loaded`}
        >
          <line x1="0" x2="100" y1={HEIGHT} y2={HEIGHT} className="stroke-border" strokeWidth="0.5" vectorEffect="non-scaling-stroke" />
          {stats.days.map((day, i) => {
            const x = i * width + BAR_GAP / 10;
            const w = width - (BAR_GAP / 10) * 2;
            const hs = scale(day.succeeded);
            const hf = scale(day.failed);
            const ho = scale(day.other);
            return (
              <g key={day.start}>
                <title>{`${day.label}: ${day.succeeded} succeeded, ${day.failed} failed, ${day.other} other`}</title>
                {/* An invisible full-height target so the tooltip works on empty days too. */}
                <rect x={x} y={0} width={w} height={HEIGHT} className="fill-transparent" />
                <rect x={x} y={HEIGHT - hs} width={w} height={hs} className="fill-success" />
                <rect x={x} y={HEIGHT - hs - hf} width={w} height={hf} className="fill-destructive" />
                <rect x={x} y={HEIGHT - hs - hf - ho} width={w} height={ho} className="fill-muted-foreground/40" />
              </g>
            );
          })}
        </svg>
        <div className="flex justify-between text-[0.6875rem] text-muted-foreground tabular-nums" aria-hidden="true">
          <span>{stats.days[0]?.label}</span>
          <span>today</span>
        </div>
      </figure>
      <dl className="grid grid-cols-2 content-start gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="runs-stats">
        <Stat label="Success rate" value={stats.successRate === null ? '—' : `${Math.round(stats.successRate * 100)}%`} />
        <Stat label="Latency p50 / p95" value={`${formatDuration(stats.p50)} / ${formatDuration(stats.p95)}`} />
        <Stat
          label="Spend"
          value={
            <>
              {formatCost(stats.cost)}
              {stats.unpriced ? <span className="text-xs text-muted-foreground"> + {stats.unpriced} unknown</span> : null}
            </>
          }
        />
        <Stat label="Runs loaded" value={String(runs.length)} />
      </dl>
    </section>
  );
}

function Legend({ className, label }: { className: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span aria-hidden="true" className={`size-2 rounded-sm ${className}`} />
      {label}
    </span>
  );
}

function Stat({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-mono text-[0.8125rem] tabular-nums">{value}</dd>
    </div>
  );
}
