'use client';

import { HistoryIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { formatAbsolute, useNow } from '@/lib/client/format';
import { restoreOfferText } from './draft-restore';
import type { DraftRestore } from './use-draft';

/** Offers back the draft saved before a reload, a crash or on another device; nothing when there is none. */
export function DraftRestoreBanner({ restore }: { restore: DraftRestore }) {
  const now = useNow();
  const { offer } = restore;
  if (!offer) return null;
  const { title, detail } = restoreOfferText(offer, now, restore.currentVersionNumber);
  return (
    <div
      role="region"
      aria-label="Unsaved draft"
      className="flex flex-wrap items-center gap-x-4 gap-y-3 rounded-xl border border-warning/50 bg-warning/10 px-4 py-3 dark:border-warning/30"
      data-testid="draft-restore-banner"
    >
      <HistoryIcon aria-hidden="true" className="size-5 shrink-0 text-warning-foreground dark:text-warning" />
      <div className="min-w-0 flex-1 text-sm">
        <p className="font-semibold" title={formatAbsolute(offer.updatedAt)} data-testid="draft-restore-title">
          {title}
        </p>
        <p className="text-muted-foreground">
          {detail ?? 'Your unsaved edits were kept. Restore them, or discard them to start from the current version.'}
        </p>
      </div>
      <div className="flex items-center gap-2">
        <Button size="sm" onClick={restore.accept} data-testid="draft-restore">
          Restore
        </Button>
        <Button size="sm" variant="outline" onClick={restore.discard} data-testid="draft-discard">
          Discard
        </Button>
      </div>
    </div>
  );
}
