'use client';

import type { RunMessage } from '@/lib/client/types';
import { Skeleton } from '@/components/ui/skeleton';
import { DiffText } from './diff-text';
import { useTextDiff } from './use-text-diff';

const ROLE = { system: 'System', user: 'User', assistant: 'Assistant' } as const;
type Turn = Pick<RunMessage, 'role' | 'content'>;

function TurnRow({ index, from, to }: { index: number; from: Turn | undefined; to: Turn | undefined }) {
  const diff = useTextDiff(from?.content ?? '', to?.content ?? '');
  const role = from && to && from.role !== to.role ? `${ROLE[from.role]} → ${ROLE[to.role]}` : ROLE[(to ?? from)!.role];
  const change = !from ? 'added turn' : !to ? 'removed turn' : diff && diff.added + diff.removed === 0 && from.role === to.role ? 'same' : null;
  return (
    <li className="overflow-hidden rounded-lg border" data-testid="compare-turn" data-change={change ?? 'changed'}>
      <div className="flex items-center justify-between gap-2 border-b bg-muted/40 px-3 py-1 text-xs font-medium tracking-wide text-muted-foreground uppercase dark:bg-muted/25">
        <span>
          {index + 1}. {role}
        </span>
        {change ? <span className="normal-case">{change}</span> : null}
      </div>
      <div className="max-h-80 overflow-y-auto px-3 py-2">{diff ? <DiffText diff={diff} /> : <Skeleton className="h-10 w-full" />}</div>
    </li>
  );
}

/** Two lists of chat turns compared turn by turn (the k-th with the k-th), each turn's text word by word. */
export function TurnsDiff({ from, to, label }: { from: Turn[]; to: Turn[]; label: string }) {
  const count = Math.max(from.length, to.length);
  return (
    <ol className="grid grid-cols-1 gap-2" aria-label={label}>
      {Array.from({ length: count }, (_, i) => (
        <TurnRow key={i} index={i} from={from[i]} to={to[i]} />
      ))}
    </ol>
  );
}
