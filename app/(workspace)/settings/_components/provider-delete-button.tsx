'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { toast } from '@/components/ui/toaster';

export function ProviderDeleteButton({ label, onDelete }: { label: string; onDelete: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)} data-testid="delete-provider">Remove</Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Remove “{label}”?</DialogTitle>
            <DialogDescription>
              The stored key is deleted. Prompts and runs that name <code className="font-mono">{label}</code> fall back to the instance settings, or fail until it is added again.
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
            <Button
              variant="destructive"
              disabled={busy}
              data-testid="confirm-delete-provider"
              onClick={async () => {
                setBusy(true);
                try {
                  await onDelete();
                  setOpen(false);
                } catch (e) {
                  toast({ title: 'Could not remove the provider', description: (e as Error).message, variant: 'error' });
                } finally {
                  setBusy(false);
                }
              }}
            >
              Remove
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
