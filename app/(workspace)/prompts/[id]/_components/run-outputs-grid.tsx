'use client';

import Link from 'next/link';
import { GitCompareArrowsIcon, TriangleAlertIcon } from 'lucide-react';
import { compareRunsHref } from '@/components/runs/compare-runs';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/client/api';
import { plainMessage } from '@/lib/client/field-errors';
import { targetLabel } from './run-model-choice';
import { RunResult } from './run-result';
import type { BatchItem } from './use-run-batch';

type Props = {
  items: BatchItem[];
  onSaveVersion: (runId: string) => void;
  savingRunId: string | null;
};

/** The last Run's outputs side by side, one card per model, streaming at once. */
export function RunOutputsGrid({ items, onSaveVersion, savingRunId }: Props) {
  const ids = items.flatMap((item) => (item.runId ? [item.runId] : []));
  return (
    <section aria-label="Outputs" className="grid gap-3" data-testid="run-outputs">
      {ids.length >= 2 ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-xs text-muted-foreground">{ids.length} models, side by side</p>
          <Button variant="outline" size="sm" asChild>
            <Link href={compareRunsHref(ids)} data-testid="run-compare-outputs">
              <GitCompareArrowsIcon aria-hidden="true" />
              Compare these outputs
            </Link>
          </Button>
        </div>
      ) : null}
      <div className="grid grid-cols-1 gap-3 @2xl:grid-cols-2 @6xl:grid-cols-3">
        {items.map((item, i) =>
          item.runId ? (
            <RunResult key={item.runId} runId={item.runId} target={item.target} onSaveVersion={onSaveVersion} saving={savingRunId === item.runId} />
          ) : (
            <Alert key={`failed-${i}`} variant="destructive" data-testid="run-error">
              <TriangleAlertIcon aria-hidden="true" />
              <AlertTitle className="font-mono text-xs">{targetLabel(item.target)}</AlertTitle>
              <AlertDescription className="break-words">{plainMessage(errorMessage(item.error))}</AlertDescription>
            </Alert>
          ),
        )}
      </div>
    </section>
  );
}
