'use client';

import Link from 'next/link';
import { GitCompareArrowsIcon, XIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { compareRunsHref, MAX_COMPARE_RUNS } from './compare-runs';
import type { RunSelection } from './use-run-selection';

/** "2 selected · Compare (2) · Clear" above a runs list; hidden while nothing is selected. */
export function CompareRunsBar({ selection }: { selection: RunSelection }) {
  const count = selection.ids.length;
  if (count === 0) return null;
  const ready = count >= 2;
  return (
    <div
      className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-primary/30 bg-primary/5 px-3 py-2 text-sm"
      data-testid="compare-bar"
      role="region"
      aria-label="Selected runs"
    >
      <p aria-live="polite">
        {count} selected
        <span className="text-muted-foreground">
          {ready ? '' : ' · select one more to compare'}
          {selection.full ? ` · at most ${MAX_COMPARE_RUNS} at once` : ''}
        </span>
      </p>
      <div className="flex items-center gap-2">
        <Button variant="ghost" size="sm" onClick={selection.clear} data-testid="compare-clear">
          <XIcon aria-hidden="true" />
          Clear
        </Button>
        {ready ? (
          <Button size="sm" asChild>
            <Link href={compareRunsHref(selection.ids)} data-testid="compare-runs">
              <GitCompareArrowsIcon aria-hidden="true" />
              Compare ({count})
            </Link>
          </Button>
        ) : (
          <Button size="sm" disabled data-testid="compare-runs">
            <GitCompareArrowsIcon aria-hidden="true" />
            Compare ({count})
          </Button>
        )}
      </div>
    </div>
  );
}
