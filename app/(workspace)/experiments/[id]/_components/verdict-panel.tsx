'use client';

import { ScaleIcon, TriangleAlertIcon } from 'lucide-react';
import { variantColor } from '@/components/experiments/chart-scale';
import { isExperimentLive } from '@/components/experiments/experiment-paths';
import { PromoteWinner } from '@/components/labels/promote-winner';
import { useComparison } from '@/components/experiments/use-experiments';
import { NativeSelect } from '@/components/prompts/native-select';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/client/api';
import type { ExperimentDetail, VariantComparison } from '@/lib/client/experiment-types';
import { cn } from '@/lib/utils';
import { DiffInterval } from './diff-interval';
import { formatP, formatPct, formatPts, formatScore } from './stat-format';

type Props = { experiment: ExperimentDetail; a: number; b: number; onChange: (a: number, b: number) => void };

const HEADLINE: Record<VariantComparison['verdict'], string> = { a_better: 'A is better', b_better: 'B is better', inconclusive: 'Inconclusive' };

/** Pick two variants; shows the paired verdict with the differences, their intervals and the test behind it. */
export function VerdictPanel({ experiment: e, a, b, onChange }: Props) {
  const variants = e.config.variants;
  const done = e.progress.succeeded + e.progress.errored + e.progress.canceled;
  const comparison = useComparison(e.id, a, b, String(done));
  if (variants.length < 2) return null;
  const c = comparison.data;
  const labelOf = (i: number) => variants[i]?.label ?? `Variant ${i}`;
  // Promoted only once the experiment has stopped: a verdict mid-run can still change.
  const winner = c && c.verdict !== 'inconclusive' && !isExperimentLive(e.status) ? variants[c.verdict === 'a_better' ? a : b] : undefined;

  return (
    <section aria-labelledby="verdict-title" className="grid gap-4 rounded-xl border bg-card p-4 shadow-xs">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="verdict-title" className="flex items-center gap-2 text-sm font-semibold">
          <ScaleIcon aria-hidden="true" className="size-4 text-muted-foreground" />
          Verdict
        </h2>
        <div className="flex flex-wrap items-end gap-2">
          <VariantPick id="verdict-a" letter="A" value={a} variants={variants} onChange={(v) => onChange(v, v === b ? a : b)} />
          <span className="pb-2 text-xs text-muted-foreground">vs</span>
          <VariantPick id="verdict-b" letter="B" value={b} variants={variants} onChange={(v) => onChange(v === a ? b : a, v)} />
        </div>
      </div>
      {comparison.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : comparison.isError && !c ? (
        <p className="flex items-center gap-2 text-sm text-destructive" role="alert">
          <TriangleAlertIcon aria-hidden="true" className="size-4" />
          Couldn&apos;t compare: {errorMessage(comparison.error)}
        </p>
      ) : c ? (
        <div className={cn('grid gap-4 transition-opacity', comparison.isPlaceholderData && 'opacity-60')} data-testid="verdict" data-verdict={c.verdict}>
          <div className="grid gap-1">
            <p
              className={cn(
                'text-xl font-semibold',
                c.verdict === 'inconclusive' ? 'text-muted-foreground' : 'text-foreground',
              )}
              data-testid="verdict-headline"
            >
              {c.verdict === 'inconclusive' ? HEADLINE.inconclusive : `${labelOf(c.verdict === 'a_better' ? a : b)} is better`}
              {c.verdict !== 'inconclusive' ? <span className="ml-2 text-sm font-normal text-muted-foreground">({HEADLINE[c.verdict]})</span> : null}
            </p>
            <p className="text-sm text-muted-foreground" data-testid="verdict-reason">
              {c.reason}
            </p>
            {winner ? <PromoteWinner promptId={winner.promptId} versionNumber={winner.versionNumber} experimentName={e.name} /> : null}
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <Metric
              title="Pass rate"
              a={formatPct(c.passRate.a, 1)}
              b={formatPct(c.passRate.b, 1)}
              diff={formatPts(c.passRate.diff)}
              interval={<DiffInterval diff={c.passRate.diff} ci={c.passRate.ci} pct label="A − B pass rate, 95% paired bootstrap interval" />}
            />
            <Metric
              title="Mean score"
              a={formatScore(c.score.a)}
              b={formatScore(c.score.b)}
              diff={c.score.diff === null ? '—' : `${c.score.diff >= 0 ? '+' : '−'}${Math.abs(c.score.diff).toFixed(3)}`}
              interval={<DiffInterval diff={c.score.diff} ci={c.score.ci} label="A − B mean score, 95% paired bootstrap interval" />}
            />
          </div>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-xs sm:grid-cols-4">
            <Fact label="Pairs" value={c.pairs.toLocaleString()} title="Items and repeats where both variants were scored" />
            <Fact label="McNemar p" value={formatP(c.mcnemar.pValue)} title="Exact test on the pairs where only one passed" />
            <Fact label="Only A / only B passed" value={`${c.mcnemar.aOnly} / ${c.mcnemar.bOnly}`} />
            <Fact label="Detectable difference" value={c.minDetectableDiff === null ? '—' : `±${formatPct(c.minDetectableDiff, 1)}`} title="The smallest pass-rate difference this many pairs could detect (α 0.05, power 0.8)" />
          </dl>
        </div>
      ) : null}
    </section>
  );
}

function VariantPick({ id, letter, value, variants, onChange }: { id: string; letter: string; value: number; variants: ExperimentDetail['config']['variants']; onChange: (v: number) => void }) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {letter}
      </Label>
      <div className="flex items-center gap-1.5">
        <span aria-hidden="true" className="size-2.5 shrink-0 rounded-full" style={{ background: variantColor(value) }} />
        <NativeSelect id={id} value={value} onChange={(ev) => onChange(Number(ev.target.value))} className="h-8 max-w-56 text-sm" data-testid={id}>
          {variants.map((v) => (
            <option key={v.index} value={v.index}>
              {v.label}
            </option>
          ))}
        </NativeSelect>
      </div>
    </div>
  );
}

function Metric({ title, a, b, diff, interval }: { title: string; a: string; b: string; diff: string; interval: React.ReactNode }) {
  return (
    <div className="grid gap-2 rounded-lg border p-3">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{title}</span>
        <span className="font-mono text-xs tabular-nums">
          A {a} · B {b} · <span className="font-semibold">{diff}</span>
        </span>
      </div>
      {interval}
    </div>
  );
}

function Fact({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="grid gap-0.5" title={title}>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-mono tabular-nums">{value}</dd>
    </div>
  );
}
