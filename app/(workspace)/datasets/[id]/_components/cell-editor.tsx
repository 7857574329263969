'use client';

import { useEffect, useRef, useState } from 'react';
import { Kbd } from '@/components/ui/kbd';
import { cn } from '@/lib/utils';

type Props = {
  initial: string;
  error: string | null;
  label: string;
  onSave: (text: string, then: 'stay' | 'down') => void;
  onCancel: () => void;
  /** Grows leftwards from the cell's right edge (the last columns, which have no room on their right). */
  alignRight?: boolean;
};

/** A cell's editor over the cell, showing its full text: Enter saves, Shift+Enter breaks the line, Esc cancels. */
export function CellEditor({ initial, error, label, onSave, onCancel, alignRight = false }: Props) {
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  // Blur saves, except the blur that Esc or Enter caused.
  const done = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  // A refused save (bad metadata JSON) keeps the editor open: its next blur saves again.
  useEffect(() => {
    done.current = false;
  }, [error]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, 320)}px`;
  }, [text]);

  return (
    <div
      className={cn('absolute top-0 z-20 w-[max(100%,22rem)] max-w-[80vw] rounded-md border border-primary bg-popover shadow-lg', alignRight ? 'right-0' : 'left-0')}
      onClick={(e) => e.stopPropagation()}
    >
      <textarea
        ref={ref}
        aria-label={label}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape') {
            e.preventDefault();
            done.current = true;
            onCancel();
          } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            done.current = true;
            onSave(text, 'stay');
          }
        }}
        onBlur={() => {
          if (!done.current) onSave(text, 'stay');
        }}
        rows={1}
        className="block max-h-80 min-h-10 w-full resize-none bg-transparent px-3 py-2.5 font-mono text-sm leading-5 outline-none"
        data-testid="cell-editor"
      />
      {error && <p className="border-t px-3 py-1.5 text-xs text-destructive" role="alert">{error}</p>}
      <p className="flex flex-wrap gap-x-3 gap-y-1 border-t px-3 py-1.5 text-[11px] text-muted-foreground">
        <span><Kbd>Enter</Kbd> save</span>
        <span><Kbd>Shift</Kbd>+<Kbd>Enter</Kbd> new line</span>
        <span><Kbd>Esc</Kbd> cancel</span>
      </p>
    </div>
  );
}
