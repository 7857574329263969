'use client';

import { useState, type ReactNode } from 'react';
import { FileUp } from 'lucide-react';
import { cn } from '@/lib/utils';

type Props = {
  /** The input's accept list. */
  accept: string;
  onPick: (file: File | undefined) => void;
  inputTestId: string;
  /** What the zone says: the chosen file, or how to choose one. */
  children: ReactNode;
};

/** A click-or-drop area around a hidden file input; the input is cleared after each pick so the same file can be picked again. */
export function FileDropZone({ accept, onPick, inputTestId, children }: Props) {
  const [dragging, setDragging] = useState(false);
  return (
    <label
      onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => { e.preventDefault(); setDragging(false); onPick(e.dataTransfer.files[0]); }}
      className={cn(
        'flex cursor-pointer flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-6 text-center text-sm transition-colors hover:bg-accent/40 focus-within:ring-[3px] focus-within:ring-ring/50',
        dragging && 'border-primary bg-primary/5',
      )}
    >
      <FileUp className="size-6 text-primary" aria-hidden />
      {children}
      <input
        type="file"
        accept={accept}
        className="sr-only"
        onChange={(e) => { onPick(e.target.files?.[0]); e.target.value = ''; }}
        data-testid={inputTestId}
      />
    </label>
  );
}
