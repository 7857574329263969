'use client';

import { useMemo } from 'react';
import { toSideBySide, type DiffLine, type LineDiff } from '@/lib/diff/version-diff';
import { cn } from '@/lib/utils';

type Props = { title: string; diff: LineDiff; from: number; to: number; maxLines: number };

/** Two columns with line numbers; removed lines on the left, added on the right, paired by toSideBySide. */
export function SideBySideDiff({ title, diff, from, to, maxLines }: Props) {
  const rows = useMemo(() => toSideBySide(diff), [diff]);
  const changed = diff.added + diff.removed > 0;
  if (diff.tooLarge) {
    const counts = diff.lineCounts;
    return (
      <section className="grid gap-2" aria-label={title}>
        <h3 className="text-sm font-semibold">{title}</h3>
        <p className="rounded-md border border-dashed px-3 py-2 text-xs text-muted-foreground" data-testid="diff-too-large">
          Too large to compare line by line
          {counts ? ` (v${from}: ${counts.old.toLocaleString()} lines, v${to}: ${counts.new.toLocaleString()})` : ''}: the limit is{' '}
          {maxLines.toLocaleString()} lines. Open each version to read it.
        </p>
      </section>
    );
  }

  return (
    <section className="grid gap-2" aria-label={title}>
      <h3 className="flex items-center gap-2 text-sm font-semibold">
        {title}
        {changed ? (
          <span className="font-mono text-xs font-normal">
            <span className="text-diff-added-fg">+{diff.added}</span>{' '}
            <span className="text-diff-removed-fg">−{diff.removed}</span>
          </span>
        ) : (
          <span className="text-xs font-normal text-muted-foreground">No changes</span>
        )}
      </h3>
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed px-3 py-2 text-xs text-muted-foreground">Empty in both versions.</p>
      ) : changed ? (
        <div className="overflow-hidden rounded-md border">
          <table className="w-full table-fixed border-collapse font-mono text-xs leading-5">
            <colgroup>
              <col className="w-11" />
              <col />
              <col className="w-11" />
              <col />
            </colgroup>
            <thead className="border-b bg-muted/50 text-left font-sans text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">
                  <span className="sr-only">Line in </span>v{from}
                </th>
                <th scope="col" className="border-r px-2 py-1 font-medium">
                  Version {from}
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  <span className="sr-only">Line in </span>v{to}
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  Version {to}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} className="align-top">
                  <DiffCells line={row.left} side="left" />
                  <DiffCells line={row.right} side="right" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function DiffCells({ line, side }: { line: DiffLine | null; side: 'left' | 'right' }) {
  const divider = side === 'left' && 'border-r';
  if (!line) {
    return (
      <>
        <td className="bg-muted/40" />
        <td className={cn('bg-muted/40', divider)} />
      </>
    );
  }
  const number = side === 'left' ? line.oldLine : line.newLine;
  const added = line.kind === 'added';
  const removed = line.kind === 'removed';
  return (
    <>
      <td
        className={cn(
          'px-2 text-right text-muted-foreground tabular-nums select-none',
          added && 'bg-diff-added-bg text-diff-added-fg before:content-["+"]',
          removed && 'bg-diff-removed-bg text-diff-removed-fg before:content-["−"]',
        )}
      >
        {added ? <span className="sr-only">added line </span> : null}
        {removed ? <span className="sr-only">removed line </span> : null}
        {number}
      </td>
      <td
        className={cn(
          'h-5 px-2 break-words whitespace-pre-wrap',
          added && 'bg-diff-added-bg text-diff-added-fg',
          removed && 'bg-diff-removed-bg text-diff-removed-fg',
          divider,
        )}
        data-testid={added ? 'diff-added-line' : removed ? 'diff-removed-line' : undefined}
      >
        {line.text}
      </td>
    </>
  );
}
