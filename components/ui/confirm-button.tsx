'use client';

import { useState, type ReactNode } from 'react';
import { Button } from './button';
import { ConfirmDialog } from './confirm-dialog';

type Props = {
  label: string;
  testId?: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  confirmTestId?: string;
  /** Starts the action; the dialog closes at once (the list updates optimistically, errors arrive as a toast). */
  onConfirm: () => void;
};

/** A small outline button that asks before doing something destructive. */
export function ConfirmButton({ label, testId, title, description, confirmLabel, confirmTestId, onConfirm }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={title}
        description={description}
        confirmLabel={confirmLabel}
        confirmTestId={confirmTestId}
        onConfirm={() => {
          setOpen(false);
          onConfirm();
        }}
        destructive
      />
    </>
  );
}
