'use client';

import { GitCompareIcon, SearchIcon, XIcon } from 'lucide-react';
import type { GridFilters } from '@/components/experiments/grid-model';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { cn } from '@/lib/utils';

type Props = {
  filters: GridFilters;
  onChange: (patch: Partial<GridFilters>) => void;
  counts: { failures: number; disagree: number; errors: number };
  shown: number;
  total: number;
  selected: number;
  onDiff: () => void;
  onClearSelection: () => void;
  multiVariant: boolean;
};

/** Filter toggles (with how many items each keeps), search, and the diff of the two selected cells. */
export function GridToolbar({ filters, onChange, counts, shown, total, selected, onDiff, onClearSelection, multiVariant }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Toggle pressed={filters.failures} onClick={() => onChange({ failures: !filters.failures })} count={counts.failures} testId="filter-failures">
        Failures only
      </Toggle>
      {multiVariant ? (
        <Toggle pressed={filters.disagree} onClick={() => onChange({ disagree: !filters.disagree })} count={counts.disagree} testId="filter-disagree">
          Variants disagree
        </Toggle>
      ) : null}
      <Toggle pressed={filters.errors} onClick={() => onChange({ errors: !filters.errors })} count={counts.errors} testId="filter-errors">
        Errors
      </Toggle>
      <div className="relative min-w-40 flex-1 sm:max-w-64">
        <SearchIcon aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-muted-foreground" />
        <Input
          type="search"
          value={filters.q}
          onChange={(e) => onChange({ q: e.target.value })}
          placeholder="Search"
          aria-label="Search inputs and outputs"
          className="h-8 pl-8 text-sm"
          data-testid="grid-search"
        />
      </div>
      <span className="text-xs text-muted-foreground tabular-nums" aria-live="polite" data-testid="grid-count">
        {shown === total ? `${total.toLocaleString()} items` : `${shown.toLocaleString()} of ${total.toLocaleString()} items`}
      </span>
      <div className="ml-auto flex items-center gap-1">
        {selected > 0 ? (
          <Button variant="ghost" size="sm" onClick={onClearSelection} aria-label="Clear the selection">
            <XIcon aria-hidden="true" />
            {selected} selected
          </Button>
        ) : null}
        <Button
          variant={selected === 2 ? 'default' : 'outline'}
          size="sm"
          onClick={onDiff}
          disabled={selected !== 2}
          title={selected === 2 ? 'Compare the two selected outputs' : 'Select two cells (Space) to compare their outputs'}
          data-testid="diff-cells"
        >
          <GitCompareIcon aria-hidden="true" />
          Diff
        </Button>
      </div>
    </div>
  );
}

function Toggle({ pressed, onClick, count, testId, children }: { pressed: boolean; onClick: () => void; count: number; testId: string; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={cn(
        'inline-flex h-8 items-center gap-1.5 rounded-full border px-3 text-xs font-medium transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none',
        pressed ? 'border-primary bg-primary text-primary-foreground' : 'text-muted-foreground hover:bg-accent hover:text-foreground',
      )}
      data-testid={testId}
    >
      {children}
      <span className={cn('rounded-full px-1.5 font-mono tabular-nums', pressed ? 'bg-primary-foreground/20' : 'bg-muted')}>{count.toLocaleString()}</span>
    </button>
  );
}
