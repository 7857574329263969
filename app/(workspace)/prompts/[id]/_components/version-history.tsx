'use client';

import { GitCompareArrowsIcon, HistoryIcon, PencilLineIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { Version } from '@/lib/client/types';
import { cn } from '@/lib/utils';
import { authorLabel, formatAbsolute, formatRelative, useNow } from './format';

type Props = {
  versions: Version[];
  currentNumber: number | null;
  /** The version open read-only, or null while editing the draft. */
  selected: number | null;
  dirty: boolean;
  onSelect: (versionNumber: number | null) => void;
  onCompare: () => void;
};

const ROW =
  'w-full rounded-lg border px-3 py-2.5 text-left text-sm outline-none transition-colors focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50';

export function VersionHistory({ versions, currentNumber, selected, dirty, onSelect, onCompare }: Props) {
  const now = useNow();
  return (
    <section aria-labelledby="history-heading" className="grid gap-3 rounded-xl border bg-card p-4 text-card-foreground shadow-xs">
      <div className="flex items-center justify-between gap-2">
        <h2 id="history-heading" className="flex items-center gap-2 text-sm font-semibold">
          <HistoryIcon aria-hidden="true" className="size-4 text-muted-foreground" />
          History <span className="font-normal text-muted-foreground">({versions.length})</span>
        </h2>
        <Button variant="outline" size="sm" onClick={onCompare} disabled={versions.length < 2} data-testid="compare-button">
          <GitCompareArrowsIcon aria-hidden="true" />
          Compare
        </Button>
      </div>
      <ol className="grid gap-2" aria-label="Versions, newest first">
        <li>
          <button
            type="button"
            onClick={() => onSelect(null)}
            aria-current={selected === null ? 'true' : undefined}
            className={cn(ROW, selected === null ? 'border-primary/50 bg-primary/5' : 'border-dashed hover:bg-accent')}
            data-testid="draft-row"
          >
            <span className="flex items-center gap-2 font-medium">
              <PencilLineIcon aria-hidden="true" className="size-4 text-muted-foreground" />
              Working draft
            </span>
            <span className="mt-0.5 block text-xs text-muted-foreground">
              {dirty ? 'Unsaved changes' : currentNumber ? `Same as v${currentNumber}` : 'Not saved yet'}
            </span>
          </button>
        </li>
        {versions.map((version) => {
          const isSelected = selected === version.versionNumber;
          return (
            <li key={version.id}>
              <button
                type="button"
                onClick={() => onSelect(version.versionNumber)}
                aria-current={isSelected ? 'true' : undefined}
                className={cn(ROW, isSelected ? 'border-primary/50 bg-primary/5' : 'hover:bg-accent')}
                data-testid={`version-row-${version.versionNumber}`}
              >
                <span className="flex items-center gap-2">
                  <span className="font-mono font-semibold">v{version.versionNumber}</span>
                  {version.versionNumber === currentNumber ? (
                    <Badge variant="success" className="px-1.5 py-0">
                      current
                    </Badge>
                  ) : null}
                  <time
                    dateTime={version.createdAt}
                    title={formatAbsolute(version.createdAt)}
                    className="ml-auto shrink-0 text-xs text-muted-foreground"
                  >
                    {formatRelative(version.createdAt, now)}
                  </time>
                </span>
                <span
                  className={cn('mt-1 line-clamp-2 block break-words', !version.notes && 'text-muted-foreground italic')}
                >
                  {version.notes || 'No notes'}
                </span>
                <span className="mt-1 block truncate text-xs text-muted-foreground">
                  {version.restoredFrom !== null ? <>restored from v{version.restoredFrom} · </> : null}
                  {authorLabel(version)}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
