import { Badge } from '@/components/ui/badge';
import type { Run } from '@/lib/client/types';
import { cn } from '@/lib/utils';

/** "v3" for a run of a saved version; "draft" for a run of unsaved edits, "draft · saved as v4" once saved. */
export function RunVersionLabel({ run, className }: { run: Pick<Run, 'draft' | 'versionNumber'>; className?: string }) {
  if (!run.draft) {
    return (
      <span className={cn('font-mono', className)} data-testid="run-version-label" data-draft="false">
        {run.versionNumber === null ? '—' : `v${run.versionNumber}`}
      </span>
    );
  }
  return (
    <span className={cn('inline-flex items-center gap-1.5 whitespace-nowrap', className)} data-testid="run-version-label" data-draft="true">
      <Badge variant="warning" title="A run of unsaved editor content">
        draft
      </Badge>
      {run.versionNumber !== null ? <span className="text-xs text-muted-foreground">saved as v{run.versionNumber}</span> : null}
    </span>
  );
}
