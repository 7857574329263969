'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Trash2 } from 'lucide-react';
import { cellPatch, cellText, gridColumns, isEditKey, moveActive, typedCharacter, type GridColumn, type GridPos } from '@/components/datasets/grid-model';
import { useDeleteItem, useUpdateItem } from '@/components/datasets/use-datasets';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import type { DatasetItem } from '@/lib/client/dataset-types';
import { plainMessage } from '@/lib/client/field-errors';
import { cn } from '@/lib/utils';
import { CellEditor } from './cell-editor';

const ROW_HEIGHT = 40;
// Expected takes the room left over, so the grid fills a wide screen.
const widthOf = (c: GridColumn) => (c.kind === 'expected' ? 'minmax(18rem, 1fr)' : c.kind === 'metadata' ? '13rem' : '15rem');

type Props = {
  datasetId: string;
  variables: string[];
  extraVariables: string[];
  items: DatasetItem[];
  /** An item to activate and edit once it is in `items` (a row just added). */
  focusItemId: string | null;
  onFocused: () => void;
};

type Editing = { pos: GridPos; error: string | null; draft: string };

/** Items as rows, variables + expected + metadata as columns; virtualised, edited in place, driven by the keyboard. */
export function DatasetGrid({ datasetId, variables, extraVariables, items, focusItemId, onFocused }: Props) {
  const columns = useMemo(() => gridColumns(variables, extraVariables), [variables, extraVariables]);
  const [active, setActive] = useState<GridPos>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const update = useUpdateItem(datasetId);
  const remove = useDeleteItem(datasetId);
  // The text of cells being saved, shown until the saved item arrives.
  const [saving, setSaving] = useState<Record<string, string>>({});

  // The virtualizer re-renders this component itself; the compiler leaves the component unmemoized, which is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const template = `3.5rem ${columns.map(widthOf).join(' ')} 2.75rem`;
  const pos = { row: Math.min(active.row, Math.max(0, items.length - 1)), col: Math.min(active.col, columns.length - 1) };

  const focusGrid = () => scrollRef.current?.focus({ preventScroll: true });

  const startEditing = useCallback(
    (at: GridPos, draft?: string) => {
      const item = items[at.row];
      const column = columns[at.col];
      if (!item || !column) return;
      setActive(at);
      setEditing({ pos: at, error: null, draft: draft ?? cellText(item, column) });
    },
    [items, columns],
  );

  useEffect(() => {
    if (!focusItemId) return;
    const row = items.findIndex((i) => i.id === focusItemId);
    if (row < 0) return;
    rows.scrollToIndex(row, { align: 'auto' });
    startEditing({ row, col: 0 });
    onFocused();
  }, [focusItemId, items, rows, startEditing, onFocused]);

  function save(text: string, then: 'stay' | 'down') {
    if (!editing) return;
    const item = items[editing.pos.row];
    const column = columns[editing.pos.col];
    if (!item || !column) return setEditing(null);
    const patch = cellPatch(item, column, text);
    if (patch && 'error' in patch) return setEditing({ ...editing, draft: text, error: patch.error });
    const at = editing.pos;
    setEditing(null);
    focusGrid();
    if (then === 'down') move({ row: at.row + 1, col: at.col });
    if (!patch) return;
    const key = `${item.id}:${column.key}`;
    setSaving((s) => ({ ...s, [key]: text }));
    update.mutate(
      { itemId: item.id, body: patch.body },
      {
        onError: (error) => toast({ title: 'Could not save the cell', description: plainMessage(errorMessage(error)), variant: 'error' }),
        onSettled: () => setSaving(({ [key]: _done, ...rest }) => rest),
      },
    );
  }

  function move(next: GridPos) {
    const clamped = { row: Math.max(0, Math.min(items.length - 1, next.row)), col: Math.max(0, Math.min(columns.length - 1, next.col)) };
    setActive(clamped);
    rows.scrollToIndex(clamped.row, { align: 'auto' });
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (editing || event.target !== event.currentTarget) return;
    const typed = typedCharacter(event);
    if (isEditKey(event) || typed !== null) {
      event.preventDefault();
      startEditing(pos, typed ?? undefined);
      return;
    }
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    const next = moveActive(pos, event, { rows: items.length, cols: columns.length }, pageRows);
    if (!next) return;
    event.preventDefault();
    move(next);
  }

  function deleteRow(item: DatasetItem) {
    remove.mutate(item.id, {
      onSuccess: () => toast({ id: 'dataset-row-deleted', title: `Row ${item.position + 1} deleted`, variant: 'success' }),
      onError: (error) => toast({ title: 'Could not delete the row', description: plainMessage(errorMessage(error)), variant: 'error' }),
    });
  }

  const activeId = items.length ? `cell-${pos.row}-${pos.col}` : undefined;

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Dataset items"
      aria-rowcount={items.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={editing ? undefined : activeId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      // As tall as its rows (plus the header, a scrollbar and, while editing, room for the editor), up to most of the screen.
      style={{ height: `min(${items.length * ROW_HEIGHT + 56 + (editing ? 128 : 0)}px, 70dvh, 44rem)` }}
      className="group/grid relative min-h-32 overflow-auto rounded-xl border bg-card outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      data-testid="dataset-grid"
    >
      <div style={{ width: 'max-content', minWidth: '100%' }}>
        <div role="row" aria-rowindex={1} className="sticky top-0 z-10 grid border-b bg-muted/95 text-xs font-medium text-muted-foreground backdrop-blur" style={{ gridTemplateColumns: template }}>
          <div role="columnheader" className="px-3 py-2 text-right">#</div>
          {columns.map((c) => (
            <div key={c.key} role="columnheader" className="truncate border-l px-3 py-2" title={c.label}>
              <span className={cn(c.kind === 'input' ? 'font-mono text-foreground' : 'italic')}>{c.label}</span>
              {c.kind === 'input' && <span className="ml-1.5 font-normal">input</span>}
            </div>
          ))}
          <div role="columnheader" className="border-l"><span className="sr-only">Actions</span></div>
        </div>
        <div className="relative" style={{ height: rows.getTotalSize() + (editing ? 128 : 0) }}>
          {rows.getVirtualItems().map((vr) => {
            const item = items[vr.index]!;
            return (
              <div
                key={item.id}
                role="row"
                aria-rowindex={vr.index + 2}
                className={cn('group absolute left-0 grid w-full border-b bg-card text-sm hover:bg-accent/30', editing?.pos.row === vr.index && 'z-20')}
                style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${vr.start}px)` }}
              >
                <div role="rowheader" className="px-3 py-3 text-right font-mono text-xs leading-4 tabular-nums text-muted-foreground">{vr.index + 1}</div>
                {columns.map((column, col) => {
                  const isActive = pos.row === vr.index && pos.col === col;
                  const isEditing = editing && editing.pos.row === vr.index && editing.pos.col === col;
                  const pending = saving[`${item.id}:${column.key}`];
                  const text = pending ?? cellText(item, column);
                  return (
                    <div
                      key={column.key}
                      id={`cell-${vr.index}-${col}`}
                      role="gridcell"
                      aria-selected={isActive}
                      data-testid="dataset-cell"
                      data-row={vr.index}
                      data-col={column.key}
                      title={text.length > 40 ? text.slice(0, 2000) : undefined}
                      onClick={() => startEditing({ row: vr.index, col })}
                      className={cn('relative min-w-0 cursor-text border-l', isActive && 'z-[1] outline-2 -outline-offset-2 outline-primary/35 group-focus/grid:outline-primary')}
                    >
                      <div
                        className={cn(
                          'truncate px-3 py-2.5',
                          column.kind !== 'input' && 'text-muted-foreground',
                          (column.kind === 'metadata' || (column.kind === 'expected' && /^[[{]/.test(text))) && 'font-mono text-xs leading-5',
                          pending !== undefined && 'opacity-60',
                        )}
                      >
                        {text || <span className="text-muted-foreground/40">—</span>}
                      </div>
                      {isEditing && (
                        <CellEditor
                          initial={editing.draft}
                          error={editing.error}
                          label={`${column.label}, row ${vr.index + 1}`}
                          onSave={save}
                          onCancel={() => { setEditing(null); focusGrid(); }}
                          alignRight={column.kind === 'metadata'}
                        />
                      )}
                    </div>
                  );
                })}
                <div className="flex items-center justify-center border-l">
                  <button
                    type="button"
                    aria-label={`Delete row ${vr.index + 1}`}
                    onClick={() => deleteRow(item)}
                    className="rounded p-1 text-muted-foreground opacity-40 transition hover:bg-destructive/10 hover:text-destructive group-hover:opacity-100 focus-visible:opacity-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                    data-testid="delete-item"
                  >
                    <Trash2 className="size-4" aria-hidden />
                  </button>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
