'use client';

import Link from 'next/link';
import { memo } from 'react';
import { ChevronDownIcon, ChevronUpIcon, ExternalLinkIcon, RecycleIcon } from 'lucide-react';
import { cellOutcome } from '@/components/experiments/grid-model';
import { formatDuration, runPath } from '@/components/runs/run-format';
import type { Cell, EvaluatorResult } from '@/lib/client/experiment-types';
import { formatCost } from '@/lib/client/format';
import { cn } from '@/lib/utils';

const CHIP: Record<ReturnType<typeof cellOutcome>, { label: string; className: string }> = {
  pass: { label: 'pass', className: 'border-success/30 bg-success/12 text-success' },
  fail: { label: 'fail', className: 'border-destructive/30 bg-destructive/10 text-destructive' },
  error: { label: 'error', className: 'border-warning/50 bg-warning/15 text-warning-foreground dark:text-warning' },
  pending: { label: 'pending', className: 'border-border bg-muted text-muted-foreground' },
  canceled: { label: 'canceled', className: 'border-border text-muted-foreground' },
  done: { label: 'done', className: 'border-border bg-muted text-foreground' },
};

export const cellDomId = (gridId: string, itemId: string, variant: number, repeat: number) => `${gridId}-${itemId}-${variant}-${repeat}`;

type Props = {
  domId: string;
  cell: Cell | null;
  itemId: string;
  variant: number;
  repeat: number;
  repeats: number;
  focused: boolean;
  selected: boolean;
  expanded: boolean;
  onPick: () => void;
  onToggleSelect: () => void;
  onToggleExpand: () => void;
};

/** One (item, variant, repeat): its outcome chip, the evaluators' verdicts, output (clamped unless expanded), latency and cost. */
export const GridCell = memo(function GridCell({ domId, cell, itemId, variant, repeat, repeats, focused, selected, expanded, onPick, onToggleSelect, onToggleExpand }: Props) {
  const outcome = cellOutcome(cell);
  const chip = CHIP[outcome];
  const errorText = cell?.status === 'errored' ? [cell.errorCode, cell.errorMessage].filter(Boolean).join(': ') || 'The call failed after its retries' : null;
  return (
    <div
      id={domId}
      role="gridcell"
      aria-selected={selected}
      onMouseDown={onPick}
      onDoubleClick={onToggleExpand}
      className={cn(
        'group/cell relative grid min-w-0 gap-1.5 rounded-md border bg-card p-2 text-xs transition-colors',
        focused && 'ring-2 ring-ring ring-offset-1 ring-offset-background',
        selected && 'border-primary bg-primary/5',
      )}
      data-testid="grid-cell"
      data-variant={variant}
      data-item={itemId}
      data-repeat={repeat}
      data-result={cell?.result ?? outcome}
      data-selected={selected || undefined}
    >
      <div className="flex flex-wrap items-center gap-1.5">
        <input
          type="checkbox"
          checked={selected}
          onChange={onToggleSelect}
          disabled={!cell?.output}
          tabIndex={-1}
          className="size-3.5 cursor-pointer accent-primary disabled:cursor-not-allowed disabled:opacity-40"
          aria-label="Select for diff"
          data-testid="grid-cell-select"
        />
        <span className={cn('rounded border px-1.5 py-px font-medium', chip.className)}>{chip.label}</span>
        {repeats > 1 ? <span className="text-muted-foreground">#{repeat + 1}</span> : null}
        {cell?.score !== null && cell?.score !== undefined ? <span className="font-mono tabular-nums">{cell.score.toFixed(2)}</span> : null}
        {cell?.reused ? <RecycleIcon role="img" aria-label="Reused from an earlier experiment" className="size-3 text-muted-foreground" /> : null}
        <span className="ml-auto flex items-center gap-2 font-mono text-muted-foreground tabular-nums">
          {cell?.latencyMs !== null && cell?.latencyMs !== undefined ? <span>{formatDuration(cell.latencyMs)}</span> : null}
          {cell && cell.status === 'succeeded' ? <span>{formatCost(cell.costUsd)}</span> : null}
        </span>
      </div>
      {cell?.results.length ? <ResultChips results={cell.results} expanded={expanded} /> : null}
      {errorText ? <p className="text-destructive line-clamp-3 break-words">{errorText}</p> : null}
      {cell?.output ? (
        <p className={cn('break-words whitespace-pre-wrap', expanded ? 'max-h-96 overflow-y-auto' : 'line-clamp-4')} data-testid="grid-cell-output">
          {cell.output}
          {expanded && cell.outputTruncated ? <span className="block text-muted-foreground italic">(truncated: open the run for all of it)</span> : null}
        </p>
      ) : cell && cell.status === 'succeeded' ? (
        <p className="text-muted-foreground italic">Empty output</p>
      ) : null}
      {cell ? (
        <div className="flex items-center justify-between gap-2">
          <button
            type="button"
            tabIndex={-1}
            onClick={onToggleExpand}
            className="inline-flex items-center gap-0.5 text-muted-foreground hover:text-foreground"
            aria-expanded={expanded}
          >
            {expanded ? <ChevronUpIcon aria-hidden="true" className="size-3" /> : <ChevronDownIcon aria-hidden="true" className="size-3" />}
            {expanded ? 'Less' : 'More'}
          </button>
          {cell.runId ? (
            <Link href={runPath(cell.runId)} tabIndex={-1} className="inline-flex items-center gap-1 text-muted-foreground hover:text-foreground hover:underline" data-testid="grid-cell-run">
              Open run
              <ExternalLinkIcon aria-hidden="true" className="size-3" />
            </Link>
          ) : null}
        </div>
      ) : null}
    </div>
  );
});

function ResultChips({ results, expanded }: { results: EvaluatorResult[]; expanded: boolean }) {
  if (expanded) {
    return (
      <ul className="grid gap-1 rounded border bg-muted/40 p-1.5" aria-label="Evaluator results">
        {results.map((r, i) => (
          <li key={`${r.evaluator}-${i}`} className="grid gap-0.5">
            <span className="flex items-center gap-1.5">
              <span className={cn('rounded border px-1 py-px', CHIP[r.status].className)}>{r.status}</span>
              <span className="font-medium">{r.evaluator}</span>
              {r.score !== null ? <span className="font-mono text-muted-foreground tabular-nums">{r.score.toFixed(2)}</span> : null}
            </span>
            {r.reason ? <span className="break-words text-muted-foreground">{r.reason}</span> : null}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Evaluator results">
      {results.map((r, i) => (
        <li key={`${r.evaluator}-${i}`} title={`${r.evaluator}: ${r.status}${r.reason ? ` — ${r.reason}` : ''}`} className={cn('max-w-40 truncate rounded border px-1 py-px', CHIP[r.status].className)}>
          {r.evaluator}
        </li>
      ))}
    </ul>
  );
}
