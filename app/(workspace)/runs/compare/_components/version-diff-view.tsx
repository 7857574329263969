'use client';

import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/client/api';
import type { LineDiff, VersionDiff } from '@/lib/diff/version-diff';
import { cn } from '@/lib/utils';
import { usePromptDiff } from './use-prompt-diff';

// A prompt is at most 5,000 lines: past this many rows the rest is summarised rather than rendered.
const MAX_ROWS = 1_000;

function Lines({ title, diff }: { title: string; diff: LineDiff }) {
  if (diff.tooLarge) return <p className="text-sm text-muted-foreground">{title}: too large to diff line by line.</p>;
  if (diff.added + diff.removed === 0) return <p className="text-sm text-muted-foreground">{title}: unchanged.</p>;
  const shown = diff.lines.slice(0, MAX_ROWS);
  return (
    <div className="grid grid-cols-1 gap-1">
      <p className="text-xs font-medium text-muted-foreground">
        {title} <span className="font-normal">(+{diff.added} −{diff.removed} lines)</span>
      </p>
      <pre className="relative max-h-80 overflow-auto rounded-md border font-mono text-[0.8125rem] leading-relaxed">
        {shown.map((line, i) => (
          <div
            key={i}
            className={cn('px-3 whitespace-pre-wrap break-words', line.kind === 'added' && 'bg-success/15', line.kind === 'removed' && 'bg-destructive/10 text-destructive')}
            data-diff={line.kind === 'same' ? undefined : line.kind}
          >
            <span aria-hidden="true" className="mr-2 inline-block w-3 text-muted-foreground select-none">
              {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}
            </span>
            <span className="sr-only">{line.kind === 'added' ? 'added: ' : line.kind === 'removed' ? 'removed: ' : ''}</span>
            {line.text || ' '}
          </div>
        ))}
        {diff.lines.length > shown.length ? <div className="px-3 text-muted-foreground italic">… {diff.lines.length - shown.length} more lines</div> : null}
      </pre>
    </div>
  );
}

const ROLE = { system: 'System', user: 'User', assistant: 'Assistant' } as const;

/** "Turn 3 (User)", "Turn 2 → 3 (Assistant → User)" for a chat template's turn. */
function turnTitle(turn: NonNullable<VersionDiff['messages']>[number]): string {
  const at = turn.oldIndex !== null && turn.newIndex !== null && turn.oldIndex !== turn.newIndex ? `${turn.oldIndex + 1} → ${turn.newIndex + 1}` : `${(turn.newIndex ?? turn.oldIndex ?? 0) + 1}`;
  const { from, to } = turn.role;
  const role = from && to && from !== to ? `${ROLE[from]} → ${ROLE[to]}` : ROLE[(to ?? from)!];
  return `Turn ${at} (${role})${turn.kind === 'added' ? ', added' : turn.kind === 'removed' ? ', removed' : ''}`;
}

const show = (value: unknown) => (value === undefined ? 'not set' : JSON.stringify(value));

/** The saved change between two versions of one prompt, as the version history's diff answers it. */
export function VersionDiffView({ promptId, from, to }: { promptId: string; from: number; to: number }) {
  const query = usePromptDiff(promptId, { from, to });
  if (query.isPending) return <Skeleton className="h-24 w-full" />;
  if (query.isError) return <p className="text-sm text-destructive">Couldn&apos;t load the version diff: {errorMessage(query.error)}</p>;
  const diff = query.data;
  if (diff.identical) return <p className="text-sm text-muted-foreground">v{from} and v{to} have the same content.</p>;
  const { added, removed, changed } = diff.variables;
  return (
    <div className="grid grid-cols-1 gap-3" data-testid="compare-version-diff">
      {diff.messages ? (
        diff.messages.map((turn, i) => (
          <Lines key={i} title={turnTitle(turn)} diff={turn.content} />
        ))
      ) : (
        <>
          <Lines title="System prompt" diff={diff.systemPrompt} />
          <Lines title="User prompt" diff={diff.userPrompt} />
        </>
      )}
      {diff.model.length ? (
        <div className="grid grid-cols-1 gap-1 text-sm">
          <p className="text-xs font-medium text-muted-foreground">Model settings</p>
          <ul className="grid grid-cols-1 gap-0.5 font-mono text-xs">
            {diff.model.map((change) => (
              <li key={change.field} className="break-words">
                {change.field}: {show(change.from)} → {show(change.to)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {added.length + removed.length + changed.length ? (
        <p className="text-sm">
          <span className="text-xs font-medium text-muted-foreground">Variables: </span>
          {[...added.map((v) => `+${v.name}`), ...removed.map((v) => `−${v.name}`), ...changed.map((v) => `${v.name} changed`)].join(', ')}
        </p>
      ) : null}
    </div>
  );
}
