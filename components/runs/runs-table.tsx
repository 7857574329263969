'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { CircleCheckIcon, CircleXIcon, DatabaseZapIcon, WrenchIcon } from 'lucide-react';
import { formatAbsolute, formatRelative, useNow } from '@/lib/client/format';
import type { Run } from '@/lib/client/types';
import { cn } from '@/lib/utils';
import { formatCost } from '@/lib/client/format';
import { formatDuration, formatTotalTokens, outputPreview, promptHref, runPath } from './run-format';
import { RunStatusBadge } from './run-status-badge';
import { RunVersionLabel } from './run-version-label';
import type { RunSelection } from './use-run-selection';

type Props = {
  runs: Run[];
  /** Adds a Prompt column (the workspace-wide list). */
  showPrompt?: boolean;
  /** Rows for a previous filter, shown dimmed until the new ones arrive. */
  stale?: boolean;
  caption: string;
  /** Adds a checkbox column to pick runs to compare. */
  selection?: RunSelection;
};

const TH = 'px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-muted-foreground';
const TD = 'px-3 py-2 align-middle whitespace-nowrap';

/** Runs, newest first; a row opens the run. Links inside keep keyboard and middle-click behaviour. */
export function RunsTable({ runs, showPrompt = false, stale = false, caption, selection }: Props) {
  const router = useRouter();
  const now = useNow();

  function openRow(event: React.MouseEvent<HTMLTableRowElement>, run: Run) {
    const target = event.target as HTMLElement;
    if (target.closest('a, button, input, select, textarea')) return;
    if (window.getSelection()?.toString()) return; // selecting text to copy, not navigating
    if (event.metaKey || event.ctrlKey || event.button === 1) window.open(runPath(run.id), '_blank', 'noopener');
    else router.push(runPath(run.id));
  }

  return (
    <div className={cn('relative overflow-x-auto rounded-lg border transition-opacity', stale && 'opacity-60')} aria-busy={stale || undefined}>
      <table className="w-full border-collapse text-sm" data-testid="runs-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b bg-muted/40">
          <tr>
            {selection ? (
              <th scope="col" className={cn(TH, 'w-8 pr-0')}>
                <span className="sr-only">Select to compare</span>
              </th>
            ) : null}
            <th scope="col" className={TH}>Status</th>
            {showPrompt ? <th scope="col" className={TH}>Prompt</th> : null}
            <th scope="col" className={TH}>Version</th>
            <th scope="col" className={TH}>Model</th>
            <th scope="col" className={cn(TH, 'text-right')}>Tokens</th>
            <th scope="col" className={cn(TH, 'text-right')}>Cost</th>
            <th scope="col" className={cn(TH, 'text-right')}>Latency</th>
            <th scope="col" className={TH}>When</th>
            <th scope="col" className={cn(TH, 'w-full')}>Output</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const preview = outputPreview(run);
            return (
              <tr
                key={run.id}
                onClick={(e) => openRow(e, run)}
                onAuxClick={(e) => e.button === 1 && openRow(e, run)}
                className="cursor-pointer border-b transition-colors last:border-b-0 hover:bg-accent/50"
                data-testid="run-row"
                data-run-id={run.id}
                data-status={run.status}
                data-selected={selection?.isSelected(run.id) ? 'true' : undefined}
              >
                {selection ? (
                  <td className={cn(TD, 'w-8 pr-0')}>
                    <input
                      type="checkbox"
                      checked={selection.isSelected(run.id)}
                      disabled={selection.full && !selection.isSelected(run.id)}
                      onChange={() => selection.toggle(run.id)}
                      className="size-4 cursor-pointer accent-primary align-middle disabled:cursor-not-allowed"
                      aria-label={`Select the run of ${formatRelative(run.createdAt, now)} on ${run.model} to compare`}
                      data-testid="run-select"
                    />
                  </td>
                ) : null}
                <td className={TD}>
                  <span className="flex items-center gap-1.5">
                    <RunStatusBadge status={run.status} />
                    {run.cached ? (
                      <DatabaseZapIcon role="img" aria-label="Cached" className="size-3.5 text-muted-foreground" />
                    ) : null}
                  </span>
                </td>
                {showPrompt ? (
                  <td className={cn(TD, 'max-w-48 truncate')}>
                    <Link href={promptHref(run.promptId)} className="hover:underline" title={run.promptTitle ?? undefined}>
                      {run.promptTitle ?? <span className="text-muted-foreground italic">Deleted prompt</span>}
                    </Link>
                  </td>
                ) : null}
                <td className={TD}>
                  <RunVersionLabel run={run} />
                </td>
                <td className={cn(TD, 'max-w-56 truncate font-mono text-xs')} title={`${run.provider}/${run.model}`}>
                  {run.model}
                </td>
                <td className={cn(TD, 'text-right font-mono text-xs tabular-nums')} title={run.usage?.estimated ? 'estimated' : undefined}>
                  {formatTotalTokens(run)}
                </td>
                <td className={cn(TD, 'text-right font-mono text-xs tabular-nums', run.costUsd === null && run.usage && 'text-muted-foreground')}>
                  {run.usage || run.cached ? formatCost(run.costUsd) : '—'}
                </td>
                <td className={cn(TD, 'text-right font-mono text-xs tabular-nums')}>{formatDuration(run.latencyMs)}</td>
                <td className={cn(TD, 'text-xs text-muted-foreground')}>
                  <Link href={runPath(run.id)} className="hover:text-foreground hover:underline" data-testid="run-row-link">
                    <time dateTime={run.createdAt} title={formatAbsolute(run.createdAt)}>
                      {formatRelative(run.createdAt, now)}
                    </time>
                  </Link>
                </td>
                <td className={cn(TD, 'max-w-0 w-full min-w-48')}>
                  <span className="flex min-w-0 items-center gap-1.5">
                    <OutputMarks run={run} />
                    <span className={cn('block truncate', !run.output && 'text-muted-foreground', run.error && !run.output && 'text-destructive')}>
                      {preview || (run.status === 'queued' || run.status === 'running' ? '…' : '')}
                    </span>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Icons for a structured reply's schema check and for tool calls, ahead of the output preview. */
function OutputMarks({ run }: { run: Run }) {
  const check = run.outputCheck;
  return (
    <>
      {check ? (
        check.valid ? (
          <CircleCheckIcon role="img" aria-label="Valid JSON for the schema" className="size-3.5 shrink-0 text-success" data-testid="run-row-check" />
        ) : (
          <CircleXIcon role="img" aria-label="Does not match the schema" className="size-3.5 shrink-0 text-destructive" data-testid="run-row-check" />
        )
      ) : null}
      {run.toolCalls?.length ? (
        <WrenchIcon role="img" aria-label={`${run.toolCalls.length} tool calls`} className="size-3.5 shrink-0 text-muted-foreground" />
      ) : null}
    </>
  );
}
