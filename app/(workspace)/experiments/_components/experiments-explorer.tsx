'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { ExperimentsList } from '@/components/experiments/experiments-list';
import type { ExperimentStatus } from '@/lib/client/experiment-types';
import { EXPERIMENT_STATUSES } from '@/lib/experiments/statuses';
import { cn } from '@/lib/utils';

const LABELS: Record<ExperimentStatus | 'all', string> = { all: 'All', queued: 'Queued', running: 'Running', completed: 'Completed', canceled: 'Canceled' };

/** Every experiment in the workspace, filterable by status (mirrored in the URL). */
type Props = { initialStatus?: ExperimentStatus; promptId?: string; datasetId?: string };

export function ExperimentsExplorer({ initialStatus, promptId, datasetId }: Props) {
  const [status, setStatus] = useState<ExperimentStatus | undefined>(initialStatus);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (status) params.set('status', status);
    else params.delete('status');
    const search = params.toString();
    const next = `${window.location.pathname}${search ? `?${search}` : ''}`;
    if (next !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', next);
  }, [status]);

  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Experiments</h1>
        <p className="text-sm text-muted-foreground">
          {promptId || datasetId ? (
            <>
              Experiments of{' '}
              {promptId ? (
                <Link href={`/prompts/${encodeURIComponent(promptId)}`} className="font-medium text-foreground hover:underline">
                  this prompt
                </Link>
              ) : null}
              {promptId && datasetId ? ' on ' : null}
              {datasetId ? (
                <Link href={`/datasets/${encodeURIComponent(datasetId)}`} className="font-medium text-foreground hover:underline">
                  this dataset
                </Link>
              ) : null}
              .{' '}
              <Link href="/experiments" className="hover:text-foreground hover:underline">
                Show all
              </Link>
            </>
          ) : (
            <>
              Prompt versions and models compared over a dataset. Start one with <span className="font-medium text-foreground">Test</span> on a prompt.
            </>
          )}
        </p>
      </div>
      <div role="radiogroup" aria-label="Status" className="flex flex-wrap gap-1" data-testid="experiments-status-filter">
        {(['all', ...EXPERIMENT_STATUSES] as const).map((value) => {
          const active = (status ?? 'all') === value;
          return (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={active}
              onClick={() => setStatus(value === 'all' ? undefined : value)}
              className={cn(
                'rounded-full border px-3 py-1 text-sm transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none',
                active ? 'border-primary bg-primary text-primary-foreground' : 'text-muted-foreground hover:bg-accent hover:text-foreground',
              )}
              data-testid={`experiments-status-${value}`}
            >
              {LABELS[value]}
            </button>
          );
        })}
      </div>
      <ExperimentsList status={status} promptId={promptId} datasetId={datasetId} />
    </div>
  );
}
