'use client';

import { AllRunsLink } from '@/components/runs/all-runs-link';
import Link from 'next/link';
import { FileQuestionIcon, PencilLineIcon, RefreshCwIcon, SquareIcon, TriangleAlertIcon } from 'lucide-react';
import { CachedBadge } from '@/components/runs/run-metrics';
import { RunOutput } from '@/components/runs/run-output';
import { promptHref } from '@/components/runs/run-format';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { RunVersionLabel } from '@/components/runs/run-version-label';
import { RerunButton } from '@/components/runs/rerun-button';
import { providerLabel, useAvailableProviders } from '@/components/providers/use-providers';
import { useRerun } from '@/components/runs/use-rerun';
import { useCancelRun, useRun } from '@/components/runs/use-run';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { ApiClientError, errorMessage } from '@/lib/client/api';
import { formatAbsolute, formatRelative, useNow } from '@/lib/client/format';
import { AddToDatasetDialog } from './add-to-dataset-dialog';
import { CompareWithDialog } from './compare-with-dialog';
import { RunMessages } from './run-messages';
import { RunModelCard, RunTimelineCard, RunUsageCard, RunVariablesCard } from './run-facts';

export function RunDetail({ runId }: { runId: string }) {
  const live = useRun(runId);
  const { run, status, output, streaming, settled } = live;
  const cancel = useCancelRun(runId);
  const { providers } = useAvailableProviders();
  const now = useNow();
  const rerun = useRerun();

  if (!run) {
    if (!live.error) return <DetailSkeleton />;
    const notFound = live.error instanceof ApiClientError && live.error.status === 404;
    return (
      <EmptyState
        icon={notFound ? <FileQuestionIcon /> : <TriangleAlertIcon />}
        title={notFound ? "This run doesn't exist" : "Couldn't load this run"}
        description={notFound ? 'Check the link, or pick a run from the list.' : live.error.message}
        action={
          <>
            {!notFound ? (
              <Button onClick={() => void live.refetch()}>
                <RefreshCwIcon aria-hidden="true" />
                Try again
              </Button>
            ) : null}
            <Button variant={notFound ? 'default' : 'outline'} asChild>
              <Link href="/runs">All runs</Link>
            </Button>
          </>
        }
        data-testid={notFound ? 'run-not-found' : 'run-load-error'}
        className="mt-8"
      />
    );
  }

  const shownStatus = status ?? run.status;

  return (
    <div className="grid gap-6" data-testid="run-detail" data-run-id={run.id}>
      <AllRunsLink />
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid min-w-0 gap-1.5">
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
            Run <span className="font-mono text-base font-normal text-muted-foreground">{run.id.slice(0, 8)}</span>
            <span aria-live="polite" className="inline-flex">
              <RunStatusBadge status={shownStatus} data-testid="run-status" />
            </span>
            <CachedBadge run={run} />
          </h1>
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted-foreground">
            <Link href={promptHref(run.promptId)} className="font-medium text-foreground hover:underline" data-testid="run-prompt-link">
              {run.promptTitle ?? 'Deleted prompt'}
            </Link>
            <span aria-hidden="true">·</span>
            {run.versionNumber !== null ? (
              <Link href={promptHref(run.promptId, run.versionNumber)} className="hover:text-foreground hover:underline" data-testid="run-version-link">
                <RunVersionLabel run={run} />
              </Link>
            ) : (
              <RunVersionLabel run={run} />
            )}
            <span aria-hidden="true">·</span>
            <span>
              {providerLabel(providers, run.provider)} / <span className="font-mono">{run.model}</span>
            </span>
            <span aria-hidden="true">·</span>
            <time dateTime={run.createdAt} title={formatAbsolute(run.createdAt)}>
              {formatRelative(run.createdAt, now)}
            </time>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {streaming ? (
            <Button variant="outline" onClick={() => cancel.mutate()} disabled={cancel.isPending} data-testid="run-cancel">
              {cancel.isPending ? <Spinner label="Canceling" /> : <SquareIcon aria-hidden="true" className="fill-current" />}
              Cancel
            </Button>
          ) : null}
          <Button variant="outline" asChild>
            <Link href={`${promptHref(run.promptId)}?fromRun=${encodeURIComponent(run.id)}`} data-testid="run-open-in-editor">
              <PencilLineIcon aria-hidden="true" />
              Open in editor with these inputs
            </Link>
          </Button>
          <CompareWithDialog run={run} />
          <AddToDatasetDialog run={run} disabled={!settled} />
          <RerunButton onClick={() => rerun.mutate(run)} pending={rerun.isPending || rerun.isSuccess} />
        </div>
      </header>

      {rerun.isError ? (
        <Alert variant="destructive" data-testid="rerun-error">
          <AlertTitle>Couldn&apos;t start the re-run</AlertTitle>
          <AlertDescription>{errorMessage(rerun.error)}</AlertDescription>
        </Alert>
      ) : null}

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="grid min-w-0 gap-6">
          {settled && run.error ? (
            <Alert variant="destructive" data-testid="run-error">
              <TriangleAlertIcon aria-hidden="true" />
              <AlertTitle className="font-mono text-xs">{run.error.code}</AlertTitle>
              <AlertDescription className="break-words text-destructive">{run.error.message}</AlertDescription>
            </Alert>
          ) : null}
          <section aria-labelledby="output-heading" className="grid gap-2">
            <h2 id="output-heading" className="text-sm font-semibold">
              Output
            </h2>
            <RunOutput
              output={output}
              status={shownStatus}
              streaming={streaming}
              truncated={settled && run.outputTruncated}
              toolCalls={settled ? run.toolCalls : null}
              outputCheck={settled ? run.outputCheck : null}
            />
          </section>
          <section aria-labelledby="messages-heading" className="grid gap-2">
            <h2 id="messages-heading" className="text-sm font-semibold">
              Messages
            </h2>
            <RunMessages messages={run.messages} />
          </section>
        </div>
        <aside aria-label="Run details" className="grid gap-4">
          {settled ? (
            <RunUsageCard run={run} />
          ) : (
            <div className="flex items-center gap-2 rounded-xl border border-dashed p-4 text-sm text-muted-foreground">
              <Spinner label="In progress" />
              Usage, cost and timings appear when the run finishes.
            </div>
          )}
          <RunModelCard run={run} providerLabel={providerLabel(providers, run.provider)} />
          <RunVariablesCard variables={run.variables} />
          <RunTimelineCard run={run} />
        </aside>
      </div>
    </div>
  );
}

function DetailSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading run" data-testid="run-loading">
      <Skeleton className="h-4 w-20" />
      <div className="grid gap-2">
        <Skeleton className="h-8 w-72 max-w-full" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="grid gap-4">
          <Skeleton className="h-40 w-full rounded-lg" />
          <Skeleton className="h-32 w-full rounded-lg" />
        </div>
        <Skeleton className="h-72 w-full rounded-xl" />
      </div>
    </div>
  );
}
