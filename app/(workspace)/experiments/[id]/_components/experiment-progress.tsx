'use client';

import { BanIcon, PauseIcon, RecycleIcon, WalletIcon } from 'lucide-react';
import { isExperimentLive } from '@/components/experiments/experiment-paths';
import type { ExperimentStreamState } from '@/components/experiments/use-experiment-stream';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import type { ExperimentDetail } from '@/lib/client/experiment-types';
import { formatCost, useNow } from '@/lib/client/format';
import { cn } from '@/lib/utils';
import { formatEta } from './stat-format';

/** The progress bar (done / total, errors, spend, time left) and the banners about reuse, pauses and stops. */
export function ExperimentProgress({ experiment: e, stream }: { experiment: ExperimentDetail; stream: ExperimentStreamState | undefined }) {
  const { total, succeeded, errored, canceled } = e.progress;
  const done = succeeded + errored + canceled;
  const live = isExperimentLive(e.status);
  const pct = (n: number) => (total ? (n / total) * 100 : 0);
  const eta = live ? formatEta(stream?.etaSeconds ?? null) : null;
  // The shared clock ticks slowly; the last stream event is a fresher "now".
  const now = Math.max(useNow(), stream?.at ?? 0);
  const paused = live && e.pausedUntil !== null && now > 0 && Date.parse(e.pausedUntil) > now;

  return (
    <section aria-label="Progress" className="grid gap-3">
      <div className="grid gap-2 rounded-xl border bg-card p-4 shadow-xs">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
          <span className="font-mono tabular-nums">
            <span className="text-base font-semibold" data-testid="experiment-progress-text">
              {done.toLocaleString()} / {total.toLocaleString()}
            </span>{' '}
            <span className="text-muted-foreground">cells</span>
          </span>
          <span className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
            <Legend className="bg-success" label={`${succeeded.toLocaleString()} done`} />
            {errored ? <Legend className="bg-destructive" label={`${errored.toLocaleString()} errored`} /> : null}
            {canceled ? <Legend className="bg-muted-foreground/50" label={`${canceled.toLocaleString()} canceled`} /> : null}
            <span>
              spent <span className="font-mono text-foreground tabular-nums">{formatCost(e.costUsd)}</span>
            </span>
            {eta ? <span data-testid="experiment-eta">{eta}</span> : null}
            {live && stream?.open ? (
              <span className="inline-flex items-center gap-1.5">
                <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-success" />
                live
              </span>
            ) : null}
          </span>
        </div>
        <div
          role="progressbar"
          aria-label="Cells finished"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={done}
          aria-valuetext={`${done} of ${total} cells finished${errored ? `, ${errored} errored` : ''}`}
          className="flex h-2.5 w-full overflow-hidden rounded-full bg-muted"
          data-testid="experiment-progress"
        >
          <div className="h-full bg-success transition-[width] duration-500 motion-reduce:transition-none" style={{ width: `${pct(succeeded)}%` }} />
          <div className="h-full bg-destructive transition-[width] duration-500 motion-reduce:transition-none" style={{ width: `${pct(errored)}%` }} />
          <div className="h-full bg-muted-foreground/40 transition-[width] duration-500 motion-reduce:transition-none" style={{ width: `${pct(canceled)}%` }} />
          {live ? <div className={cn('h-full flex-1 animate-pulse bg-primary/15 motion-reduce:animate-none')} /> : null}
        </div>
      </div>
      {e.reusedCells > 0 ? (
        <Alert role="status" data-testid="experiment-reused">
          <RecycleIcon aria-hidden="true" />
          <AlertDescription>
            {e.reusedCells.toLocaleString()} cell{e.reusedCells === 1 ? '' : 's'} reused from the earlier experiment, {formatCost(e.savedUsd)} saved: no model
            was called for them.
          </AlertDescription>
        </Alert>
      ) : null}
      {paused ? (
        <Alert role="status" variant="warning" data-testid="experiment-paused">
          <PauseIcon aria-hidden="true" />
          <AlertDescription>The provider is rate limiting: calls resume shortly, without using up retries.</AlertDescription>
        </Alert>
      ) : null}
      {e.stopReason === 'budget' ? (
        <Alert role="status" variant="warning" data-testid="experiment-stopped" data-reason="budget">
          <WalletIcon aria-hidden="true" />
          <AlertTitle>Stopped at the budget</AlertTitle>
          <AlertDescription>
            The spend reached the budget of {formatCost(e.config.budgetUsd)}, so no new calls were made; {canceled.toLocaleString()} cells were canceled.
            Re-run with a higher budget to finish them (finished cells are reused).
          </AlertDescription>
        </Alert>
      ) : e.stopReason === 'canceled' ? (
        <Alert role="status" data-testid="experiment-stopped" data-reason="canceled">
          <BanIcon aria-hidden="true" />
          <AlertTitle>Canceled</AlertTitle>
          <AlertDescription>
            Someone canceled this experiment: {canceled.toLocaleString()} cells were not run. The statistics use the cells that finished.
          </AlertDescription>
        </Alert>
      ) : null}
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
