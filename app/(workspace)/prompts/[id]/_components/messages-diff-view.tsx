'use client';

import type { MessageDiff } from '@/lib/diff/messages-diff';
import { SideBySideDiff } from './side-by-side-diff';

type Props = { turns: MessageDiff[]; from: number; to: number; maxLines: number };

const KIND = { added: 'added', removed: 'removed', changed: 'changed', same: 'unchanged' } as const;

function title(turn: MessageDiff): string {
  const n = (turn.newIndex ?? turn.oldIndex ?? 0) + 1;
  const { from, to } = turn.role;
  const role = from && to && from !== to ? `${from} → ${to}` : (to ?? from ?? '');
  return `Turn ${n} · ${role} · ${KIND[turn.kind]}`;
}

/** A chat template's diff, turn by turn; unchanged turns are one line each. */
export function MessagesDiffView({ turns, from, to, maxLines }: Props) {
  return (
    <div className="grid gap-4" data-testid="diff-messages">
      {turns.map((turn, i) =>
        turn.kind === 'same' && turn.role.from === turn.role.to ? (
          <p key={i} className="text-xs text-muted-foreground" data-testid="diff-turn-same">
            {title(turn)}
          </p>
        ) : (
          <SideBySideDiff key={i} title={title(turn)} diff={turn.content} from={from} to={to} maxLines={maxLines} />
        ),
      )}
    </div>
  );
}
