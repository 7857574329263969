'use client';

import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { useUnsavedGuard } from './use-unsaved-guard';

type Props = {
  guard: ReturnType<typeof useUnsavedGuard>;
  confirmRestore: boolean;
  onConfirmRestoreChange: (open: boolean) => void;
  viewing: number | null;
  onRestore: () => void;
};

/** The two "Discard unsaved changes?" confirmations: leaving the page, and restoring an old version over the draft. */
export function WorkspaceDialogs({ guard, confirmRestore, onConfirmRestoreChange, viewing, onRestore }: Props) {
  return (
    <>
      <ConfirmDialog
        open={guard.confirming}
        onOpenChange={(open) => !open && guard.stay()}
        title="Discard unsaved changes?"
        description="Your edits haven't been saved as a version. If you leave now, they are lost."
        confirmLabel="Discard changes"
        cancelLabel="Keep editing"
        confirmTestId="confirm-discard"
        destructive
        onConfirm={guard.discard}
      />
      <ConfirmDialog
        open={confirmRestore}
        onOpenChange={onConfirmRestoreChange}
        title="Discard unsaved changes?"
        description={`Restoring version ${viewing ?? ''} makes a copy of it the current version and resets your draft to it. Your unsaved edits are lost.`}
        confirmLabel="Discard and restore"
        confirmTestId="confirm-discard"
        destructive
        onConfirm={onRestore}
      />
    </>
  );
}
