'use client';

import { PlayIcon, RotateCcwIcon, XIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';

type Props = {
  restoredFrom: number;
  versionNumber: number;
  onRun: () => void;
  onDismiss: () => void;
};

/** After a restore: run the restored content (now the current version) with the last used values. */
export function RunRestoreCallout({ restoredFrom, versionNumber, onRun, onDismiss }: Props) {
  return (
    <div
      role="region"
      aria-label="Restored version"
      className="flex flex-wrap items-center gap-x-4 gap-y-3 rounded-xl border border-success/30 bg-success/5 px-4 py-3"
      data-testid="restore-callout"
    >
      <RotateCcwIcon aria-hidden="true" className="size-5 shrink-0 text-success" />
      <p className="min-w-0 flex-1 text-sm">
        <span className="font-semibold">Version {restoredFrom} restored as v{versionNumber}.</span>{' '}
        <span className="text-muted-foreground">Run it to compare its output with the runs of later versions.</span>
      </p>
      <div className="flex items-center gap-2">
        <Button size="sm" onClick={onRun} data-testid="run-again-after-restore">
          <PlayIcon aria-hidden="true" />
          Run this version again
        </Button>
        <Button variant="ghost" size="icon-sm" onClick={onDismiss} aria-label="Dismiss">
          <XIcon aria-hidden="true" />
        </Button>
      </div>
    </div>
  );
}
