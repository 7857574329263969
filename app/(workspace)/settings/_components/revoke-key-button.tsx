'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { toast } from '@/components/ui/toaster';

export function RevokeKeyButton({ name, onRevoke }: { name: string; onRevoke: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)} data-testid="revoke-api-key">Revoke</Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Revoke “{name}”?</DialogTitle>
            <DialogDescription>Anything using this key stops working immediately. This cannot be undone.</DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
            <Button
              variant="destructive"
              disabled={busy}
              data-testid="confirm-revoke"
              onClick={async () => {
                setBusy(true);
                try {
                  await onRevoke();
                  setOpen(false);
                } catch (e) {
                  toast({ title: 'Could not revoke the key', description: (e as Error).message, variant: 'error' });
                } finally {
                  setBusy(false);
                }
              }}
            >
              Revoke key
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
