'use client';

import { useMemo } from 'react';
import { costLatencyPoints, histogram, linearScale, niceTicks, scoresByVariant, variantColor } from '@/components/experiments/chart-scale';
import { formatDuration } from '@/components/runs/run-format';
import type { Cell, VariantSummary } from '@/lib/client/experiment-types';
import { formatCost } from '@/lib/client/format';
import { formatCi, formatPct } from './stat-format';

const W = 320;
const H = 180;
const M = { top: 10, right: 10, bottom: 28, left: 46 };

/** Pass rate per variant with its 95% interval, the score distribution, and cost against latency. */
export function ExperimentCharts({ summary, cells }: { summary: VariantSummary[]; cells: Cell[] }) {
  return (
    <section aria-label="Charts" className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
      <PassRateChart summary={summary} />
      <ScoreChart summary={summary} cells={cells} />
      <CostLatencyChart summary={summary} cells={cells} />
    </section>
  );
}

function ChartCard({ title, testId, children, legend }: { title: string; testId: string; children: React.ReactNode; legend?: React.ReactNode }) {
  return (
    <figure className="grid content-start gap-2 rounded-xl border bg-card p-4 shadow-xs" data-testid={testId}>
      <figcaption className="text-xs font-medium text-muted-foreground">{title}</figcaption>
      {children}
      {legend}
    </figure>
  );
}

function VariantLegend({ summary }: { summary: VariantSummary[] }) {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-[0.6875rem] text-muted-foreground">
      {summary.map((s) => (
        <li key={s.variant} className="inline-flex min-w-0 items-center gap-1">
          <span aria-hidden="true" className="size-2 shrink-0 rounded-sm" style={{ background: variantColor(s.variant) }} />
          <span className="max-w-40 truncate">{s.label}</span>
        </li>
      ))}
    </ul>
  );
}

function PassRateChart({ summary }: { summary: VariantSummary[] }) {
  const y = linearScale([0, 1], [H - M.bottom, M.top]);
  const band = (W - M.left - M.right) / Math.max(1, summary.length);
  const barW = Math.min(36, band * 0.55);
  const described = summary.map((s) => `${s.label}: ${formatPct(s.passRate)}${s.passRateCi ? ` (95% CI ${formatCi(s.passRateCi)})` : ''}`).join('; ');
  return (
    <ChartCard title="Pass rate, with 95% intervals" testId="chart-pass-rate">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`Pass rate per variant. ${described}`}>
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="stroke-border" strokeWidth={1} />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="fill-muted-foreground text-[9px]">
              {t * 100}%
            </text>
          </g>
        ))}
        {summary.map((s, i) => {
          const cx = M.left + band * i + band / 2;
          const color = variantColor(s.variant);
          return (
            <g key={s.variant}>
              <title>{`${s.label}: ${formatPct(s.passRate)}${s.passRateCi ? `, 95% CI ${formatCi(s.passRateCi)}` : ''} (${s.scored} scored)`}</title>
              {s.passRate !== null ? <rect x={cx - barW / 2} y={y(s.passRate)} width={barW} height={y(0) - y(s.passRate)} rx={2} fill={color} fillOpacity={0.75} /> : null}
              {s.passRateCi ? (
                <g className="stroke-foreground" strokeWidth={1.5}>
                  <line x1={cx} x2={cx} y1={y(s.passRateCi.low)} y2={y(s.passRateCi.high)} />
                  <line x1={cx - 6} x2={cx + 6} y1={y(s.passRateCi.low)} y2={y(s.passRateCi.low)} />
                  <line x1={cx - 6} x2={cx + 6} y1={y(s.passRateCi.high)} y2={y(s.passRateCi.high)} />
                </g>
              ) : null}
              <text x={cx} y={H - M.bottom + 14} textAnchor="middle" className="fill-muted-foreground text-[9px]">
                {truncate(s.label, Math.max(4, Math.floor(band / 6)))}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartCard>
  );
}

function ScoreChart({ summary, cells }: { summary: VariantSummary[]; cells: Cell[] }) {
  const bins = 10;
  const hists = useMemo(() => scoresByVariant(cells, summary.length).map((scores) => histogram(scores, bins)), [cells, summary.length]);
  const max = Math.max(1, ...hists.flat());
  const rowH = (H - M.top - M.bottom) / Math.max(1, summary.length);
  // One row per variant, told apart by colour (the legend names them).
  const x = linearScale([0, 1], [M.right, W - M.right]);
  const binW = (W - 2 * M.right) / bins;
  const scored = hists.some((h) => h.some((n) => n > 0));
  return (
    <ChartCard title="Score distribution (scored cells)" testId="chart-scores" legend={<VariantLegend summary={summary} />}>
      {scored ? (
        <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`Histogram of scores from 0 to 1 per variant, ${bins} bins`}>
          {hists.map((counts, v) => {
            const base = M.top + rowH * (v + 1);
            const y = linearScale([0, max], [0, rowH - 3]);
            return (
              <g key={v}>
                <line x1={M.right} x2={W - M.right} y1={base} y2={base} className="stroke-border" />
                {counts.map((n, i) =>
                  n > 0 ? (
                    <rect key={i} x={x(i / bins) + 1} y={base - y(n)} width={binW - 2} height={y(n)} rx={1} fill={variantColor(v)} fillOpacity={0.8}>
                      <title>{`${summary[v]?.label}: ${n} cell${n === 1 ? '' : 's'} scored ${(i / bins).toFixed(1)}–${((i + 1) / bins).toFixed(1)}`}</title>
                    </rect>
                  ) : null,
                )}
              </g>
            );
          })}
          {[0, 0.5, 1].map((t) => (
            <text key={t} x={x(t)} y={H - M.bottom + 14} textAnchor="middle" className="fill-muted-foreground text-[9px]">
              {t}
            </text>
          ))}
        </svg>
      ) : (
        <EmptyChart text="No scored cells yet." />
      )}
    </ChartCard>
  );
}

function CostLatencyChart({ summary, cells }: { summary: VariantSummary[]; cells: Cell[] }) {
  const points = useMemo(() => costLatencyPoints(cells), [cells]);
  const xTicks = niceTicks(Math.max(1, ...points.map((p) => p.latencyMs)), 4);
  const yTicks = niceTicks(Math.max(0, ...points.map((p) => p.costUsd)), 3);
  const left = M.left + 12; // tick labels like $0.000006
  const x = linearScale([0, xTicks.at(-1) ?? 1], [left, W - M.right]);
  const y = linearScale([0, yTicks.at(-1) || 1], [H - M.bottom, M.top]);
  return (
    <ChartCard title="Cost against latency (one dot per cell)" testId="chart-cost-latency" legend={<VariantLegend summary={summary} />}>
      {points.length ? (
        <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`Scatter of ${points.length} cells: latency on the horizontal axis, cost on the vertical`}>
          {yTicks.map((t) => (
            <g key={t}>
              <line x1={left} x2={W - M.right} y1={y(t)} y2={y(t)} className="stroke-border" />
              <text x={left - 4} y={y(t)} dy="0.32em" textAnchor="end" className="fill-muted-foreground text-[8px]">
                {formatTick(t, yTicks[1] ?? t)}
              </text>
            </g>
          ))}
          {xTicks.map((t, i) => (
            <text key={t} x={x(t)} y={H - M.bottom + 14} textAnchor={i === xTicks.length - 1 ? 'end' : i === 0 ? 'start' : 'middle'} className="fill-muted-foreground text-[9px]">
              {formatDuration(t)}
            </text>
          ))}
          {points.map((p) => (
            <circle key={p.id} cx={x(p.latencyMs)} cy={y(p.costUsd)} r={2.5} fill={variantColor(p.variant)} fillOpacity={0.7}>
              <title>{`${summary[p.variant]?.label ?? p.variant}: ${formatDuration(p.latencyMs)}, ${formatCost(p.costUsd)}`}</title>
            </circle>
          ))}
        </svg>
      ) : (
        <EmptyChart text="No priced cells that ran yet (reused cells and unknown prices are left out)." />
      )}
    </ChartCard>
  );
}

function EmptyChart({ text }: { text: string }) {
  return <p className="flex aspect-[16/9] items-center justify-center rounded-md border border-dashed px-4 text-center text-xs text-muted-foreground">{text}</p>;
}

/** "$0", "$0.00002", "$0.15": as many decimals as the tick step needs. */
function formatTick(value: number, step: number): string {
  if (value === 0) return '$0';
  const decimals = Math.min(8, Math.max(2, Math.ceil(-Math.log10(step))));
  return `$${value.toFixed(decimals)}`;
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
