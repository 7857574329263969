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

/** The two confirmations: leaving with a draft that isn't a version yet, and restoring an old version over the draft. */
export function WorkspaceDialogs({ guard, confirmRestore, onConfirmRestoreChange, viewing, onRestore }: Props) {
  return (
    <>
      <ConfirmDialog
        open={guard.confirming}
        onOpenChange={(open) => !open && guard.stay()}
        title="Leave without saving a version?"
        description="Your edits aren't a version yet. The draft stays in this browser and on the server, and is offered back when you return to this prompt."
        confirmLabel="Leave"
        cancelLabel="Keep editing"
        confirmTestId="confirm-discard"
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
