'use client';

import Link from 'next/link';
import { variantColor } from '@/components/experiments/chart-scale';
import { formatDuration, promptHref } from '@/components/runs/run-format';
import type { VariantSummary } from '@/lib/client/experiment-types';
import { formatCost, formatCount } from '@/lib/client/format';
import { formatCi, formatPct, formatScore } from './stat-format';

/** One card per variant: pass rate and score with their intervals, errors apart, latency, tokens, cost, flakiness. */
export function VariantSummaryCards({ summary }: { summary: VariantSummary[] }) {
  return (
    <section aria-label="Variants" className="grid grid-cols-[repeat(auto-fit,minmax(min(100%,18rem),1fr))] gap-3">
      {summary.map((s) => (
        <SummaryCard key={s.variant} s={s} />
      ))}
    </section>
  );
}

function SummaryCard({ s }: { s: VariantSummary }) {
  const ci = s.passRateCi;
  return (
    <article className="grid content-start gap-3 rounded-xl border bg-card p-4 shadow-xs" data-testid="variant-summary" data-variant={s.variant}>
      <header className="grid gap-0.5">
        <h2 className="flex items-center gap-2 text-sm font-semibold">
          <span aria-hidden="true" className="size-2.5 shrink-0 rounded-full" style={{ background: variantColor(s.variant) }} />
          <span className="truncate" title={s.label}>
            {s.label}
          </span>
        </h2>
        <p className="truncate text-xs text-muted-foreground">
          <Link href={promptHref(s.promptId, s.versionNumber)} className="hover:text-foreground hover:underline">
            v{s.versionNumber}
          </Link>{' '}
          · <span className="font-mono">{s.provider}/{s.model}</span>
        </p>
      </header>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <p className="text-xs text-muted-foreground">Pass rate</p>
          <p className="font-mono text-2xl font-semibold tabular-nums" data-testid="variant-pass-rate">
            {formatPct(s.passRate)}
          </p>
          <p className="font-mono text-xs text-muted-foreground tabular-nums" title="95% Wilson interval">
            {ci ? `95% CI ${formatCi(ci)}` : s.scored ? '' : 'no scored cells yet'}
          </p>
          {/* The interval drawn on a 0–100% track. */}
          {ci && s.passRate !== null ? (
            <div className="relative mt-1.5 h-1.5 rounded-full bg-muted" aria-hidden="true">
              <div className="absolute h-full rounded-full opacity-40" style={{ left: `${ci.low * 100}%`, width: `${(ci.high - ci.low) * 100}%`, background: variantColor(s.variant) }} />
              <div className="absolute -top-0.5 h-2.5 w-0.5 rounded" style={{ left: `calc(${s.passRate * 100}% - 1px)`, background: variantColor(s.variant) }} />
            </div>
          ) : null}
        </div>
        <div>
          <p className="text-xs text-muted-foreground">Mean score</p>
          <p className="font-mono text-2xl font-semibold tabular-nums">{formatScore(s.meanScore)}</p>
          <p className="font-mono text-xs text-muted-foreground tabular-nums" title="95% bootstrap interval">
            {s.meanScoreCi ? `95% CI ${formatCi(s.meanScoreCi, false)}` : ''}
          </p>
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1.5 text-xs">
        <Fact label="Passed / scored" value={`${formatCount(s.passed)} / ${formatCount(s.scored)}`} />
        <Fact
          label="Errored"
          value={<span className={s.errored ? 'text-destructive' : undefined}>{formatCount(s.errored)}</span>}
          title="Calls that failed after retries, or evaluators that errored: left out of the rates"
        />
        <Fact label="Latency p50 / p95" value={`${formatDuration(s.latencyP50Ms)} / ${formatDuration(s.latencyP95Ms)}`} />
        <Fact label="Tokens in / out" value={`${formatCount(s.tokens.input)} / ${formatCount(s.tokens.output)}`} />
        <Fact
          label="Cost"
          value={
            <>
              {formatCost(s.costUsd)}
              {s.unknownCostCells ? <span className="text-muted-foreground"> + {s.unknownCostCells} unknown</span> : null}
            </>
          }
          title={s.judgeCostUsd ? `includes ${formatCost(s.judgeCostUsd)} of judge calls` : undefined}
        />
        <Fact label="Per item" value={s.costPerItemUsd === null ? '—' : formatCost(s.costPerItemUsd)} />
        {s.flakyItems !== null ? (
          <Fact label="Flaky items" value={`${formatCount(s.flakyItems)} (${formatPct(s.flakyShare)})`} title="Items whose repeats disagree on pass" />
        ) : null}
        {s.pending ? <Fact label="Pending" value={formatCount(s.pending)} /> : null}
        {s.reused ? <Fact label="Reused" value={formatCount(s.reused)} /> : null}
      </dl>
    </article>
  );
}

function Fact({ label, value, title }: { label: string; value: React.ReactNode; title?: string }) {
  return (
    <div className="grid gap-0.5" title={title}>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-mono tabular-nums">{value}</dd>
    </div>
  );
}
