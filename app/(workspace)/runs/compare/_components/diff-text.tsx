import type { TextDiff } from '@/lib/diff/word-diff';
import { cn } from '@/lib/utils';

const NOTE: Record<TextDiff['granularity'], string | null> = {
  word: null,
  line: 'Some changes are too long or too different to mark word by word: those are marked as whole lines.',
  block: 'Too large or too different to diff word by word: the differing part is shown removed, then added.',
};

/** A text with the words added since the base marked green and the removed ones struck through in red. */
export function DiffText({ diff, className }: { diff: TextDiff; className?: string }) {
  const note = NOTE[diff.granularity];
  return (
    <div className="grid grid-cols-1 gap-2" data-testid="diff-text" data-granularity={diff.granularity}>
      {note ? (
        <p className="text-xs text-muted-foreground" data-testid="diff-note">
          {note}
        </p>
      ) : null}
      <pre className={cn('font-mono text-[0.8125rem] leading-relaxed break-words whitespace-pre-wrap', className)}>
        {diff.parts.map((part, i) =>
          part.kind === 'same' ? (
            <span key={i}>{part.text}</span>
          ) : part.kind === 'added' ? (
            <ins key={i} className="rounded-sm bg-success/20 text-foreground no-underline dark:bg-success/25" data-diff="added">
              {part.text}
            </ins>
          ) : (
            <del key={i} className="rounded-sm bg-destructive/15 text-destructive line-through decoration-destructive/60" data-diff="removed">
              {part.text}
            </del>
          ),
        )}
      </pre>
    </div>
  );
}

/** "+12 −3 characters", or "identical". */
export function diffSummary(diff: TextDiff): string {
  if (diff.added === 0 && diff.removed === 0) return 'identical';
  return `+${diff.added.toLocaleString('en-US')} −${diff.removed.toLocaleString('en-US')} characters`;
}
