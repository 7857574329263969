'use client';

import { useMemo, useState } from 'react';
import { GitCompareArrowsIcon, HistoryIcon, PencilLineIcon, RocketIcon } from 'lucide-react';
import { DeployDialog, type DeployPreset } from '@/components/labels/deploy-dialog';
import { LabelBadge } from '@/components/labels/label-badge';
import { labelsByVersion } from '@/components/labels/label-model';
import type { LabelView } from '@/components/labels/label-types';
import { useLabels, useWorkspaceRole } from '@/components/labels/use-labels';
import { useVersions } from '@/components/prompts/use-versions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/client/api';
import { pageItems } from '@/lib/client/pages';
import type { VersionSummary } from '@/lib/client/types';
import { cn } from '@/lib/utils';
import type { CompareRange } from './use-version-diff';
import { authorLabel, formatAbsolute, formatRelative, useNow } from './format';

type Props = {
  promptId: string;
  versionCount: number;
  currentNumber: number | null;
  /** The version open read-only, or null while editing the draft. */
  selected: number | null;
  dirty: boolean;
  onSelect: (versionNumber: number | null) => void;
  /** Opens the comparison, from the previous version to the newest. */
  onCompare: (range: CompareRange) => void;
};

const ROW =
  'w-full rounded-lg border px-3 py-2.5 text-left text-sm outline-none transition-colors focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50';

export function VersionHistory({ promptId, versionCount, currentNumber, selected, dirty, onSelect, onCompare }: Props) {
  const now = useNow();
  const history = useVersions(promptId);
  const versions = useMemo(() => pageItems(history.data), [history.data]);
  const [newest, previous] = versions;
  const labels = useLabels(promptId);
  const byVersion = useMemo(() => labelsByVersion((labels.data ?? []).filter((l) => !l.virtual)), [labels.data]);
  const { canDeploy } = useWorkspaceRole();
  const [deploying, setDeploying] = useState<DeployPreset | null>(null);

  return (
    <section aria-labelledby="history-heading" className="grid gap-3 rounded-xl border bg-card p-4 text-card-foreground shadow-xs">
      <div className="flex items-center justify-between gap-2">
        <h2 id="history-heading" className="flex items-center gap-2 text-sm font-semibold">
          <HistoryIcon aria-hidden="true" className="size-4 text-muted-foreground" />
          Versions <span className="font-normal text-muted-foreground">({versionCount})</span>
        </h2>
        <Button
          variant="outline"
          size="sm"
          onClick={() => newest && previous && onCompare({ from: previous.versionNumber, to: newest.versionNumber })}
          disabled={!previous}
          data-testid="compare-button"
        >
          <GitCompareArrowsIcon aria-hidden="true" />
          Compare
        </Button>
      </div>
      <ol className="grid gap-2" aria-label="Versions, newest first">
        <li>
          <button
            type="button"
            onClick={() => onSelect(null)}
            aria-current={selected === null ? 'true' : undefined}
            className={cn(ROW, selected === null ? 'border-primary/50 bg-primary/5' : 'border-dashed hover:bg-accent')}
            data-testid="draft-row"
          >
            <span className="flex items-center gap-2 font-medium">
              <PencilLineIcon aria-hidden="true" className="size-4 text-muted-foreground" />
              Working draft
            </span>
            <span className="mt-0.5 block text-xs text-muted-foreground">
              {dirty ? 'Unsaved changes' : currentNumber ? `Same as v${currentNumber}` : 'Not saved yet'}
            </span>
          </button>
        </li>
        {versions.map((version) => (
          <li key={version.id} className="relative">
            <VersionRow
              version={version}
              isCurrent={version.versionNumber === currentNumber}
              isSelected={selected === version.versionNumber}
              now={now}
              onSelect={() => onSelect(version.versionNumber)}
              labels={byVersion.get(version.versionNumber) ?? []}
            />
            {canDeploy ? (
              // Beside the row's button, not in it: a button can't hold another.
              <Button
                variant="ghost"
                size="sm"
                className="absolute right-1.5 bottom-1.5 h-6 px-2 text-xs"
                onClick={() => setDeploying({ versionNumber: version.versionNumber })}
                aria-label={`Deploy v${version.versionNumber} to…`}
                data-testid={`deploy-version-${version.versionNumber}`}
              >
                <RocketIcon aria-hidden="true" />
                Deploy…
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
      {history.isPending ? <Skeleton className="h-16 w-full rounded-lg" /> : null}
      {history.isError ? <p className="text-sm text-destructive">Couldn&apos;t load the history: {errorMessage(history.error)}</p> : null}
      {history.hasNextPage ? (
        <Button variant="outline" size="sm" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage} data-testid="versions-load-more">
          {history.isFetchingNextPage ? <Spinner label="Loading older versions" /> : null}
          Load older versions
        </Button>
      ) : null}
      <DeployDialog promptId={promptId} preset={deploying} onOpenChange={(open) => !open && setDeploying(null)} />
    </section>
  );
}

type RowProps = { version: VersionSummary; isCurrent: boolean; isSelected: boolean; now: number; onSelect: () => void; labels: LabelView[] };

function VersionRow({ version, isCurrent, isSelected, now, onSelect, labels }: RowProps) {
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-current={isSelected ? 'true' : undefined}
      className={cn(ROW, isSelected ? 'border-primary/50 bg-primary/5' : 'hover:bg-accent')}
      data-testid={`version-row-${version.versionNumber}`}
    >
      <span className="flex items-center gap-2">
        <span className="font-mono font-semibold">v{version.versionNumber}</span>
        {isCurrent ? (
          <Badge variant="success" className="px-1.5 py-0">
            current
          </Badge>
        ) : null}
        {labels.map((label) => (
          <LabelBadge key={label.name} name={label.name} targets={label.targets} protected={label.protected} />
        ))}
        <time dateTime={version.createdAt} title={formatAbsolute(version.createdAt)} className="ml-auto shrink-0 text-xs text-muted-foreground">
          {formatRelative(version.createdAt, now)}
        </time>
      </span>
      <span className={cn('mt-1 line-clamp-2 block break-words', !version.notes && 'text-muted-foreground italic')}>{version.notes || 'No notes'}</span>
      <span className="mt-1 block truncate pr-20 text-xs text-muted-foreground">
        {version.restoredFrom !== null ? <>restored from v{version.restoredFrom} · </> : null}
        {authorLabel(version)}
      </span>
    </button>
  );
}
