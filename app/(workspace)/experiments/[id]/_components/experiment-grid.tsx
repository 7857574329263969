'use client';

import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useVirtualizer } from '@tanstack/react-virtual';
import { SearchXIcon } from 'lucide-react';
import { variantColor } from '@/components/experiments/chart-scale';
import { clampFocus, moveFocus, toggleSelection, type GridFocus } from '@/components/experiments/grid-keyboard';
import { filterCounts, filterRows, inputPreview, NO_GRID_FILTERS, type GridFilters, type GridRow } from '@/components/experiments/grid-model';
import { runPath } from '@/components/runs/run-format';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Kbd } from '@/components/ui/kbd';
import type { Cell, ExperimentDetail } from '@/lib/client/experiment-types';
import { useDebounced } from '@/lib/client/use-debounced';
import { CellDiffDialog, type DiffSide } from './cell-diff-dialog';
import { cellDomId, GridCell } from './grid-cell';
import { GridToolbar } from './grid-toolbar';

const HEADER_H = 44;
const ITEM_COL = 'minmax(7.5rem, 15rem)';
const VARIANT_COL = 'minmax(15rem, 1fr)';

const slotKey = (itemId: string, variant: number, repeat: number) => `${itemId}:${variant}:${repeat}`;

/** Items as rows, variants as columns, repeats stacked in a cell; filtered, searchable, virtualised, keyboard-driven. */
export function ExperimentGrid({ experiment: e, rows }: { experiment: ExperimentDetail; rows: GridRow[] }) {
  const variants = e.config.variants;
  const repeats = e.config.repeats;
  const gridId = useId().replace(/:/g, '');
  const [filters, setFilters] = useState<GridFilters>(NO_GRID_FILTERS);
  const q = useDebounced(filters.q, 150);
  const shown = useMemo(() => filterRows(rows, { ...filters, q }), [rows, filters, q]);
  const counts = useMemo(() => filterCounts(rows), [rows]);
  const [focus, setFocus] = useState<GridFocus>({ row: 0, variant: 0, repeat: 0 });
  const [hasFocus, setHasFocus] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [diffOpen, setDiffOpen] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const shape = { rows: shown.length, variants: variants.length, repeats };
  const active = clampFocus(focus, shape);

  // The compiler skips this component (the virtualizer's API can't be memoised); rows re-render only when in view.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 16 + repeats * 118,
    overscan: 6,
    paddingStart: HEADER_H,
    scrollPaddingStart: HEADER_H,
    getItemKey: (i) => shown[i]?.item.itemId ?? i,
  });

  const cellsById = useMemo(() => {
    const map = new Map<string, { cell: Cell; row: GridRow }>();
    for (const row of rows) for (const column of row.cells) for (const cell of column) if (cell) map.set(cell.id, { cell, row });
    return map;
  }, [rows]);
  // A selected cell that vanished (a re-run of errors) is dropped.
  const selection = selected.filter((id) => cellsById.has(id));

  const toggleExpand = useCallback((key: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);

  useEffect(() => {
    if (hasFocus && active) virtualizer.scrollToIndex(active.row, { align: 'auto' });
  }, [active?.row, hasFocus]); // eslint-disable-line react-hooks/exhaustive-deps

  const diffSides = useMemo((): [DiffSide, DiffSide] | null => {
    if (!diffOpen || selection.length !== 2) return null;
    const sides = selection.map((id) => {
      const { cell, row } = cellsById.get(id)!;
      const label = variants[cell.variant]?.label ?? `Variant ${cell.variant}`;
      return { cell, title: `${label} · item ${row.item.position}${repeats > 1 ? ` · repeat ${cell.repeat + 1}` : ''}` };
    });
    return [sides[0]!, sides[1]!];
  }, [diffOpen, selection, cellsById, variants, repeats]);

  function cellAt(f: GridFocus): Cell | null {
    return shown[f.row]?.cells[f.variant]?.[f.repeat] ?? null;
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (!active || event.target !== event.currentTarget) return;
    const next = moveFocus(active, event.key, shape, event.ctrlKey || event.metaKey);
    if (next) {
      event.preventDefault();
      setFocus(next);
      return;
    }
    const cell = cellAt(active);
    const row = shown[active.row];
    if (event.key === 'Enter' && row) {
      event.preventDefault();
      toggleExpand(slotKey(row.item.itemId, active.variant, active.repeat));
    } else if (event.key === ' ') {
      event.preventDefault();
      if (cell?.output) setSelected((prev) => toggleSelection(prev.filter((id) => cellsById.has(id)), cell.id));
    } else if (event.key === 'Escape') {
      if (row && expanded.has(slotKey(row.item.itemId, active.variant, active.repeat))) toggleExpand(slotKey(row.item.itemId, active.variant, active.repeat));
      else if (expanded.size) setExpanded(new Set());
      else setSelected([]);
    } else if (event.key.toLowerCase() === 'd' && selection.length === 2) {
      setDiffOpen(true);
    } else if (event.key.toLowerCase() === 'o' && cell?.runId) {
      router.push(runPath(cell.runId));
    }
  }

  const template = `${ITEM_COL} repeat(${variants.length}, ${VARIANT_COL})`;
  const activeId = active && shown[active.row] ? cellDomId(gridId, shown[active.row]!.item.itemId, active.variant, active.repeat) : undefined;
  const filtered = filters.failures || filters.disagree || filters.errors || q.trim() !== '';

  return (
    <section aria-label="Cells" className="grid gap-3">
      <GridToolbar
        filters={filters}
        onChange={(patch) => setFilters((prev) => ({ ...prev, ...patch }))}
        counts={counts}
        shown={shown.length}
        total={rows.length}
        selected={selection.length}
        onDiff={() => setDiffOpen(true)}
        onClearSelection={() => setSelected([])}
        multiVariant={variants.length > 1}
      />
      {shown.length === 0 && filtered ? (
        <EmptyState
          icon={<SearchXIcon />}
          title="No items match these filters"
          description="Turn a filter off or change the search."
          titleAs="h3"
          action={
            <Button variant="outline" onClick={() => setFilters(NO_GRID_FILTERS)}>
              Clear filters
            </Button>
          }
          data-testid="grid-empty"
        />
      ) : (
        <div
          ref={scrollRef}
          role="grid"
          tabIndex={0}
          aria-label="Cells: items as rows, variants as columns. Arrows move, Enter expands, Space selects for diff, D compares the two selected, O opens the run, Escape closes."
          aria-rowcount={shown.length + 1}
          aria-colcount={variants.length + 1}
          aria-activedescendant={hasFocus ? activeId : undefined}
          onKeyDown={onKeyDown}
          onFocus={(ev) => ev.target === ev.currentTarget && setHasFocus(true)}
          onBlur={(ev) => ev.target === ev.currentTarget && setHasFocus(false)}
          className="relative max-h-[75vh] min-h-64 overflow-auto rounded-lg border bg-background outline-none focus-visible:ring-[3px] focus-visible:ring-ring/40"
          data-testid="experiment-grid"
        >
          <div className="relative" style={{ height: virtualizer.getTotalSize(), minWidth: `calc(8rem + ${variants.length} * 15.5rem)` }}>
            <div
              role="row"
              aria-rowindex={1}
              className="sticky top-0 z-10 grid items-center gap-2 border-b bg-background/95 px-2 backdrop-blur"
              style={{ gridTemplateColumns: template, height: HEADER_H }}
            >
              <div role="columnheader" className="sticky left-0 z-[1] -ml-2 self-stretch border-r bg-background pl-2 text-xs leading-[44px] font-medium text-muted-foreground">
                Item
              </div>
              {variants.map((v) => (
                <div key={v.index} role="columnheader" className="flex min-w-0 items-center gap-1.5 text-xs font-medium">
                  <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ background: variantColor(v.index) }} />
                  <span className="truncate" title={`${v.label} · v${v.versionNumber} · ${v.provider}/${v.model}`}>
                    {v.label}
                  </span>
                </div>
              ))}
            </div>
            {virtualizer.getVirtualItems().map((vi) => {
              const row = shown[vi.index]!;
              return (
                <div
                  key={vi.key}
                  ref={virtualizer.measureElement}
                  data-index={vi.index}
                  role="row"
                  aria-rowindex={vi.index + 2}
                  className="absolute top-0 left-0 grid w-full gap-2 border-b px-2 py-2"
                  style={{ transform: `translateY(${vi.start}px)`, gridTemplateColumns: template }}
                >
                  <div role="rowheader" className="sticky left-0 z-[1] -my-2 -ml-2 grid min-w-0 content-start gap-1 border-r bg-background py-2 pr-1 pl-2 text-xs">
                    <span className="font-mono text-muted-foreground">#{row.item.position}</span>
                    <span className="line-clamp-5 break-words" title={inputPreview(row.item.input, 2000)}>
                      {inputPreview(row.item.input)}
                    </span>
                    {row.item.expected !== null && row.item.expected !== undefined ? (
                      <span className="line-clamp-2 break-words text-muted-foreground" title="Expected">
                        expected: {typeof row.item.expected === 'string' ? row.item.expected : JSON.stringify(row.item.expected)}
                      </span>
                    ) : null}
                  </div>
                  {row.cells.map((column, variant) => (
                    <div key={variant} className="grid content-start gap-1.5">
                      {column.map((cell, repeat) => {
                        const key = slotKey(row.item.itemId, variant, repeat);
                        const isFocused = hasFocus && active?.row === vi.index && active.variant === variant && active.repeat === repeat;
                        return (
                          <GridCell
                            key={repeat}
                            domId={cellDomId(gridId, row.item.itemId, variant, repeat)}
                            cell={cell}
                            itemId={row.item.itemId}
                            variant={variant}
                            repeat={repeat}
                            repeats={repeats}
                            focused={isFocused}
                            selected={cell !== null && selection.includes(cell.id)}
                            expanded={expanded.has(key)}
                            onPick={() => setFocus({ row: vi.index, variant, repeat })}
                            onToggleSelect={() => cell && setSelected((prev) => toggleSelection(prev, cell.id))}
                            onToggleExpand={() => toggleExpand(key)}
                          />
                        );
                      })}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      )}
      <p className="hidden flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground sm:flex">
        <span>
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> <Kbd>←</Kbd> <Kbd>→</Kbd> move
        </span>
        <span>
          <Kbd>Enter</Kbd> expand
        </span>
        <span>
          <Kbd>Space</Kbd> select for diff
        </span>
        <span>
          <Kbd>D</Kbd> diff
        </span>
        <span>
          <Kbd>O</Kbd> open run
        </span>
        <span>
          <Kbd>Esc</Kbd> close
        </span>
      </p>
      <CellDiffDialog sides={diffSides} onOpenChange={(open) => !open && setDiffOpen(false)} />
    </section>
  );
}
