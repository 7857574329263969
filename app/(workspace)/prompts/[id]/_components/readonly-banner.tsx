'use client';

import { ArrowLeftIcon, EyeIcon, GitCompareArrowsIcon, RotateCcwIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import type { Version } from '@/lib/client/types';
import { authorLabel, formatAbsolute } from './format';

type Props = {
  versionNumber: number;
  /** The version once loaded. */
  version: Pick<Version, 'author' | 'createdAt'> | null;
  /** It could not be loaded. */
  error: string | null;
  isCurrent: boolean;
  dirty: boolean;
  restoring: boolean;
  onBack: () => void;
  onRestore: () => void;
  onCompare: () => void;
};

export function ReadonlyBanner({ versionNumber, version, error, isCurrent, dirty, restoring, onBack, onRestore, onCompare }: Props) {
  return (
    <div
      role="region"
      aria-label="Read-only version"
      className="flex flex-wrap items-center gap-x-4 gap-y-3 rounded-xl border border-primary/30 bg-primary/5 px-4 py-3"
      data-testid="readonly-banner"
    >
      <EyeIcon aria-hidden="true" className="size-5 shrink-0 text-primary" />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold">
          Viewing version {versionNumber} (read-only)
          {isCurrent ? <span className="font-normal text-muted-foreground"> · the current version</span> : null}
        </p>
        <p className="truncate text-xs text-muted-foreground">
          {error ? (
            <span className="text-destructive" data-testid="version-load-error">Couldn&apos;t load it: {error}</span>
          ) : version ? (
            <>
              {authorLabel(version)} · {formatAbsolute(version.createdAt)}
            </>
          ) : (
            'Loading…'
          )}
          {dirty ? (
            <span className="font-medium text-warning-foreground dark:text-warning" data-testid="unsaved-indicator">
              {' '}
              · your draft has unsaved changes
            </span>
          ) : null}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" onClick={onBack} data-testid="back-to-draft">
          <ArrowLeftIcon aria-hidden="true" />
          Back to draft
        </Button>
        <Button variant="outline" size="sm" onClick={onCompare} disabled={isCurrent} data-testid="compare-with-current">
          <GitCompareArrowsIcon aria-hidden="true" />
          Compare with current
        </Button>
        <Button size="sm" onClick={onRestore} disabled={restoring || !version} data-testid="restore-version">
          {restoring ? <Spinner label="Restoring" /> : <RotateCcwIcon aria-hidden="true" />}
          Restore this version
        </Button>
      </div>
    </div>
  );
}
