'use client';

import { useMemo } from 'react';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import type { Cell } from '@/lib/client/experiment-types';
import { diffTextBounded, type DiffPart } from '@/lib/diff/word-diff';
import { cn } from '@/lib/utils';

export type DiffSide = { cell: Cell; title: string };

/** Two cells' outputs side by side, marked word by word: removed on the left, added on the right. */
export function CellDiffDialog({ sides, onOpenChange }: { sides: [DiffSide, DiffSide] | null; onOpenChange: (open: boolean) => void }) {
  const diff = useMemo(() => (sides ? diffTextBounded(sides[0].cell.output ?? '', sides[1].cell.output ?? '') : null), [sides]);
  return (
    <Dialog open={sides !== null} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90vh] grid-rows-[auto_minmax(0,1fr)] sm:max-w-5xl">
        <DialogHeader>
          <DialogTitle>Compare outputs</DialogTitle>
          <DialogDescription>
            {diff && diff.added + diff.removed === 0
              ? 'The two outputs are identical.'
              : `${diff?.removed ?? 0} characters only on the left, ${diff?.added ?? 0} only on the right${diff && diff.granularity !== 'word' ? ` (marked by ${diff.granularity})` : ''}.`}
          </DialogDescription>
        </DialogHeader>
        {sides && diff ? (
          <div className="grid min-h-0 gap-3 overflow-y-auto md:grid-cols-2" data-testid="cell-diff">
            <Side title={sides[0].title} parts={diff.parts} keep="removed" truncated={sides[0].cell.outputTruncated} />
            <Side title={sides[1].title} parts={diff.parts} keep="added" truncated={sides[1].cell.outputTruncated} />
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function Side({ title, parts, keep, truncated }: { title: string; parts: DiffPart[]; keep: 'added' | 'removed'; truncated: boolean }) {
  return (
    <section className="grid min-w-0 content-start gap-1.5" aria-label={title}>
      <h3 className="truncate text-xs font-medium text-muted-foreground" title={title}>
        {title}
      </h3>
      <pre className="rounded-md border bg-muted/30 p-3 font-mono text-xs leading-5 break-words whitespace-pre-wrap">
        {parts.map((p, i) =>
          p.kind === 'same' ? (
            <span key={i}>{p.text}</span>
          ) : p.kind === keep ? (
            <mark
              key={i}
              className={cn('rounded-sm', keep === 'added' ? 'bg-diff-added-bg text-diff-added-fg' : 'bg-diff-removed-bg text-diff-removed-fg line-through decoration-1')}
            >
              {p.text}
            </mark>
          ) : null,
        )}
      </pre>
      {truncated ? <p className="text-xs text-muted-foreground italic">This output was truncated; open the run for all of it.</p> : null}
    </section>
  );
}
