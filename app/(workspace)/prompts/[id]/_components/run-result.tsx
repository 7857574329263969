'use client';

import Link from 'next/link';
import { ExternalLinkIcon, SquareIcon } from 'lucide-react';
import { CachedBadge, RunMetrics } from '@/components/runs/run-metrics';
import { RunOutput } from '@/components/runs/run-output';
import { runPath } from '@/components/runs/run-format';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { useCancelRun, type LiveRun } from '@/components/runs/use-run';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';

type Props = {
  runId: string;
  live: LiveRun;
};

/** The run just started from the panel: status, streaming output, then usage, cost and timings. */
export function RunResult({ runId, live }: Props) {
  const { run, status, output, streaming, settled } = live;
  const cancel = useCancelRun(runId);

  return (
    <div className="grid gap-3" data-testid="run-result" data-run-id={runId}>
      <div className="flex flex-wrap items-center gap-2">
        <span aria-live="polite" className="inline-flex">
          {status ? <RunStatusBadge status={status} data-testid="run-status" /> : <Spinner label="Loading run" />}
        </span>
        {run ? (
          <span className="truncate font-mono text-xs text-muted-foreground" title={`${run.provider}/${run.model}`}>
            {run.model} · v{run.versionNumber}
          </span>
        ) : null}
        {run ? <CachedBadge run={run} /> : null}
        <div className="ml-auto flex items-center gap-2">
          {streaming ? (
            <Button variant="outline" size="sm" onClick={() => cancel.mutate()} disabled={cancel.isPending} data-testid="run-cancel">
              {cancel.isPending ? <Spinner label="Canceling" /> : <SquareIcon aria-hidden="true" className="fill-current" />}
              Cancel
            </Button>
          ) : null}
          <Button variant="ghost" size="sm" asChild>
            <Link href={runPath(runId)} data-testid="run-open-link">
              Open run
              <ExternalLinkIcon aria-hidden="true" />
            </Link>
          </Button>
        </div>
      </div>
      {live.error && !run ? (
        <Alert variant="destructive" data-testid="run-error">
          <AlertDescription>Couldn&apos;t load the run: {live.error.message}</AlertDescription>
        </Alert>
      ) : null}
      {settled && run?.error ? (
        <Alert variant="destructive" data-testid="run-error">
          <AlertTitle className="font-mono text-xs">{run.error.code}</AlertTitle>
          <AlertDescription className="break-words">{run.error.message}</AlertDescription>
        </Alert>
      ) : null}
      {status !== 'failed' || output ? <RunOutput output={output} status={status} streaming={streaming} truncated={settled && run?.outputTruncated === true} /> : null}
      {settled && run ? <RunMetrics run={run} /> : null}
    </div>
  );
}
