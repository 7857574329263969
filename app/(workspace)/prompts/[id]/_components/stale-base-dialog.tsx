'use client';

import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';

type Props = {
  /** The version saved since the draft was started; null keeps the dialog closed. */
  currentVersionNumber: number | null;
  baseVersionNumber: number | null;
  saving: boolean;
  onReload: () => void;
  onCompare: () => void;
  onSaveAnyway: () => void;
  onCancel: () => void;
};

/** A save was refused because someone saved a newer version while this draft was being edited. */
export function StaleBaseDialog({ currentVersionNumber, baseVersionNumber, saving, onReload, onCompare, onSaveAnyway, onCancel }: Props) {
  return (
    <Dialog open={currentVersionNumber !== null} onOpenChange={(open) => !open && !saving && onCancel()}>
      <DialogContent className="sm:max-w-2xl" data-testid="stale-base-dialog">
        <DialogHeader>
          <DialogTitle>Version {currentVersionNumber} was saved meanwhile</DialogTitle>
          <DialogDescription>
            You started editing version {baseVersionNumber}. Reload to continue from version {currentVersionNumber} (your edits are
            discarded), compare what changed, or save your draft anyway as the next version.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter className="gap-2 sm:justify-between">
          <Button variant="outline" onClick={onCompare} disabled={saving || baseVersionNumber === null} data-testid="stale-base-compare">
            Compare v{baseVersionNumber} with v{currentVersionNumber}
          </Button>
          <div className="flex flex-col-reverse gap-2 sm:flex-row">
            <Button variant="outline" onClick={onReload} disabled={saving} data-testid="stale-base-reload">
              Reload (discard my edits)
            </Button>
            <Button onClick={onSaveAnyway} disabled={saving} data-testid="stale-base-save-anyway">
              {saving ? <Spinner label="Saving" /> : null}
              Save anyway
            </Button>
          </div>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
