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
  /** Rejecting keeps the dialog open and shows the error's message. */
  onConfirm: () => Promise<void>;
};

/** A small outline button that asks before doing something destructive. */
export function ConfirmButton({ label, testId, title, description, confirmLabel, confirmTestId, onConfirm }: Props) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) setError(null);
        }}
        title={title}
        description={description}
        confirmLabel={confirmLabel}
        confirmTestId={confirmTestId}
        onConfirm={() => void confirm()}
        destructive
        pending={pending}
        error={error}
      />
    </>
  );
}
