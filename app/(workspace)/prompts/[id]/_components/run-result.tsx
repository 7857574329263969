'use client';

import Link from 'next/link';
import { ExternalLinkIcon, SaveIcon, SquareIcon } from 'lucide-react';
import { CachedBadge, RunMetrics } from '@/components/runs/run-metrics';
import { RunOutput } from '@/components/runs/run-output';
import { runPath } from '@/components/runs/run-format';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { RunVersionLabel } from '@/components/runs/run-version-label';
import { useCancelRun, useRun } from '@/components/runs/use-run';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { targetLabel, type RunTarget } from './run-model-choice';

type Props = {
  runId: string;
  target: RunTarget;
  /** Saves a draft run's template as the next version (offered once it succeeded). */
  onSaveVersion?: (runId: string) => void;
  saving?: boolean;
};

/** One model's run from the panel: status, streaming output, then usage, cost and timings. */
export function RunResult({ runId, target, onSaveVersion, saving = false }: Props) {
  const { run, status, output, streaming, settled, error } = useRun(runId);
  const cancel = useCancelRun(runId);
  const label = run ? `${run.provider}/${run.model}` : targetLabel(target);
  const unsavedDraft = run?.draft === true && run.versionNumber === null;

  return (
    <article
      className="grid min-w-0 content-start gap-3 rounded-xl border bg-card p-3 text-card-foreground shadow-xs"
      aria-label={`Run on ${label}`}
      data-testid="run-result"
      data-run-id={runId}
      data-target={label}
    >
      <header className="flex flex-wrap items-center gap-2">
        <span className="min-w-0 flex-1 truncate font-mono text-xs font-medium" title={label} data-testid="run-result-model">
          {label}
        </span>
        <span aria-live="polite" className="inline-flex">
          {status ? <RunStatusBadge status={status} data-testid="run-status" /> : <Spinner label="Loading run" />}
        </span>
        {run ? <RunVersionLabel run={run} className="text-xs" /> : null}
        {run ? <CachedBadge run={run} /> : null}
      </header>
      {error && !run ? (
        <Alert variant="destructive" data-testid="run-error">
          <AlertDescription>Couldn&apos;t load the run: {error.message}</AlertDescription>
        </Alert>
      ) : null}
      {settled && run?.error ? (
        <Alert variant="destructive" data-testid="run-error">
          <AlertTitle>The run failed</AlertTitle>
          <AlertDescription className="break-words">{run.error.message}</AlertDescription>
        </Alert>
      ) : null}
      {status !== 'failed' || output ? (
        <RunOutput
          output={output}
          status={status}
          streaming={streaming}
          truncated={settled && run?.outputTruncated === true}
          toolCalls={run?.toolCalls}
          outputCheck={run?.outputCheck}
        />
      ) : null}
      {settled && run ? <RunMetrics run={run} className="sm:grid-cols-2 xl:grid-cols-2" /> : null}
      <footer className="flex flex-wrap items-center gap-2">
        {streaming ? (
          <Button variant="outline" size="sm" onClick={() => cancel.mutate()} disabled={cancel.isPending} data-testid="run-cancel">
            {cancel.isPending ? <Spinner label="Canceling" /> : <SquareIcon aria-hidden="true" className="fill-current" />}
            Cancel
          </Button>
        ) : null}
        {unsavedDraft && status === 'succeeded' && onSaveVersion ? (
          <Button size="sm" onClick={() => onSaveVersion(runId)} disabled={saving} data-testid="run-save-version">
            {saving ? <Spinner label="Saving" /> : <SaveIcon aria-hidden="true" />}
            Save as version
          </Button>
        ) : null}
        <Button variant="ghost" size="sm" className="ml-auto" asChild>
          <Link href={runPath(runId)} data-testid="run-open-link">
            Open run
            <ExternalLinkIcon aria-hidden="true" />
          </Link>
        </Button>
      </footer>
    </article>
  );
}
