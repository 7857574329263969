'use client';

import Link from 'next/link';
import { useState } from 'react';
import { BanIcon, DownloadIcon, RotateCcwIcon, SparklesIcon } from 'lucide-react';
import { ExperimentFormDialog } from '@/components/experiments/experiment-form';
import { valuesFromConfig } from '@/components/experiments/experiment-form-model';
import { datasetPath, experimentApiPath, experimentPath, isExperimentLive } from '@/components/experiments/experiment-paths';
import { ExperimentStatusBadge } from '@/components/experiments/experiment-status-badge';
import { useCancelExperiment, useRetryErrors } from '@/components/experiments/use-experiments';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ExperimentDetail } from '@/lib/client/experiment-types';
import { formatAbsolute, formatRelative, useNow } from '@/lib/client/format';

/** Name, dataset, status and the actions: cancel, retry errored cells, re-run changed, export. */
export function ExperimentHeader({ experiment: e }: { experiment: ExperimentDetail }) {
  const now = useNow();
  const live = isExperimentLive(e.status);
  const cancel = useCancelExperiment(e.id);
  const retry = useRetryErrors(e.id);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [rerunOpen, setRerunOpen] = useState(false);
  const exportHref = (format: 'csv' | 'json') => `${experimentApiPath(e.id)}/export?format=${format}`;

  return (
    <header className="grid gap-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid min-w-0 gap-1">
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight break-words" data-testid="experiment-name">
            <span className="min-w-0">{e.name}</span>
            <ExperimentStatusBadge status={e.status} data-testid="experiment-status" />
          </h1>
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted-foreground">
            <span>
              {e.datasetId ? (
                <Link href={datasetPath(e.datasetId)} className="font-medium text-foreground hover:underline">
                  {e.datasetName}
                </Link>
              ) : (
                <span className="italic">{e.datasetName ?? 'Deleted dataset'}</span>
              )}
            </span>
            <span aria-hidden="true">·</span>
            <span>
              {e.config.variants.length} variant{e.config.variants.length === 1 ? '' : 's'} × {e.config.repeats} repeat
              {e.config.repeats === 1 ? '' : 's'} = {e.totalCells.toLocaleString()} cells
            </span>
            <span aria-hidden="true">·</span>
            <time dateTime={e.createdAt} title={formatAbsolute(e.createdAt)}>
              created {formatRelative(e.createdAt, now)}
            </time>
            {e.sourceExperimentId ? (
              <>
                <span aria-hidden="true">·</span>
                <Link href={experimentPath(e.sourceExperimentId)} className="hover:text-foreground hover:underline">
                  re-run of an earlier experiment
                </Link>
              </>
            ) : null}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {live ? (
            <Button variant="outline" size="sm" onClick={() => setConfirmCancel(true)} disabled={cancel.isPending} data-testid="cancel-experiment">
              <BanIcon aria-hidden="true" />
              Cancel
            </Button>
          ) : null}
          {e.progress.errored > 0 ? (
            <Button variant="outline" size="sm" onClick={() => retry.mutate()} disabled={retry.isPending} data-testid="retry-errors">
              <RotateCcwIcon aria-hidden="true" />
              Retry {e.progress.errored} errored
            </Button>
          ) : null}
          <Button variant="outline" size="sm" onClick={() => setRerunOpen(true)} disabled={live} title={live ? 'Wait for it to finish, or cancel it' : undefined} data-testid="rerun-experiment">
            <SparklesIcon aria-hidden="true" />
            Re-run changed
          </Button>
          <Button variant="ghost" size="sm" asChild>
            <a href={exportHref('csv')} download data-testid="export-experiment-csv">
              <DownloadIcon aria-hidden="true" />
              CSV
            </a>
          </Button>
          <Button variant="ghost" size="sm" asChild>
            <a href={exportHref('json')} download data-testid="export-experiment-json">
              <DownloadIcon aria-hidden="true" />
              JSON
            </a>
          </Button>
        </div>
      </div>
      <ConfirmDialog
        open={confirmCancel}
        onOpenChange={setConfirmCancel}
        title="Cancel this experiment?"
        description="No new model calls are made; cells not yet run are marked canceled. Finished cells and their scores stay."
        confirmLabel="Cancel experiment"
        cancelLabel="Keep running"
        confirmTestId="cancel-experiment-confirm"
        destructive
        onConfirm={() => {
          setConfirmCancel(false);
          cancel.mutate();
        }}
      />
      {rerunOpen ? (
        <ExperimentFormDialog
          open={rerunOpen}
          onOpenChange={setRerunOpen}
          mode="rerun"
          sourceId={e.id}
          promptId={e.config.variants[0]?.promptId}
          initial={valuesFromConfig(e.config, e.datasetId, e.name)}
        />
      ) : null}
    </header>
  );
}
