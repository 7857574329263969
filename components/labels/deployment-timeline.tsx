'use client';

import { useMemo, useState } from 'react';
import { BarChart3Icon, RocketIcon, Trash2Icon, Undo2Icon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import { formatAbsolute, formatRelative, useNow } from '@/lib/client/format';
import { pageItems } from '@/lib/client/pages';
import { LabelBadge } from './label-badge';
import { deploymentSummary, rollbackCandidates, targetsText } from './label-model';
import type { DeploymentView, LabelView } from './label-types';
import { SplitCompare } from './split-compare';
import { useDeleteLabel, useDeployments, useLabels, useRollbackLabel, useWorkspaceRole } from './use-labels';

/** The prompt's labels with what they serve, and every move (who, when, from → to, note); the newest move of a label rolls back. */
export function DeploymentTimeline({ promptId }: { promptId: string }) {
  const now = useNow();
  const labels = useLabels(promptId);
  const history = useDeployments(promptId);
  const deployments = useMemo(() => pageItems(history.data), [history.data]);
  const rollback = useRollbackLabel(promptId);
  const remove = useDeleteLabel(promptId);
  const [deleting, setDeleting] = useState<LabelView | null>(null);
  const { canDeploy, isAdmin } = useWorkspaceRole();
  const [confirming, setConfirming] = useState<DeploymentView | null>(null);
  const [comparing, setComparing] = useState<string | null>(null);
  const stored = (labels.data ?? []).filter((l) => !l.virtual);
  const candidates = useMemo(() => rollbackCandidates(deployments), [deployments]);
  const canRollBack = (d: DeploymentView) => {
    const label = stored.find((l) => l.name === d.label);
    return canDeploy && candidates.get(d.label)?.id === d.id && (!label?.protected || isAdmin);
  };

  function confirmRollback() {
    const d = confirming;
    if (!d) return;
    rollback.mutate(
      { label: d.label },
      {
        onSuccess: (result) => {
          setConfirming(null);
          toast({ title: result.label ? `Rolled ${d.label} back to ${targetsText(result.label.targets)}` : `Rolled ${d.label} back: the label is deleted again`, variant: 'success' });
        },
      },
    );
  }

  return (
    <section aria-labelledby="deployments-heading" className="grid gap-3 rounded-xl border bg-card p-4 text-card-foreground shadow-xs" data-testid="deployments">
      <h2 id="deployments-heading" className="flex items-center gap-2 text-sm font-semibold">
        <RocketIcon aria-hidden="true" className="size-4 text-muted-foreground" />
        Deployments
      </h2>
      {labels.isPending ? <Skeleton className="h-10 w-full" /> : null}
      {labels.isError ? <p className="text-sm text-destructive">Couldn&apos;t load the labels: {errorMessage(labels.error)}</p> : null}
      {labels.data && stored.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="deployments-empty">
          No labels yet. Use <span className="font-medium text-foreground">Deploy to…</span> on a version to point production (or any label) at it; apps then fetch it by slug.
        </p>
      ) : null}
      {stored.length > 0 ? (
        <ul className="grid gap-2" aria-label="Labels">
          {stored.map((label) => (
            <LabelRow
              key={label.name}
              label={label}
              comparing={comparing === label.name}
              onCompare={() => setComparing(comparing === label.name ? null : label.name)}
              onDelete={
                canDeploy && (!label.protected || isAdmin)
                  ? () => {
                      remove.reset();
                      setDeleting(label);
                    }
                  : undefined
              }
              promptId={promptId}
            />
          ))}
        </ul>
      ) : null}
      {deployments.length > 0 ? (
        <ol className="relative grid gap-3 border-l pl-4" aria-label="Deployment history, newest first" data-testid="deployment-timeline">
          {deployments.map((d) => (
            <li key={d.id} className="relative grid gap-0.5 text-sm" data-testid="deployment-entry" data-label={d.label} data-action={d.action}>
              <span aria-hidden="true" className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-border ring-4 ring-card" />
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="font-medium">{deploymentSummary(d)}</span>
                {canRollBack(d) ? (
                  <Button variant="outline" size="sm" className="ml-auto h-7" onClick={() => {
                      rollback.reset();
                      setConfirming(d);
                    }} data-testid={`rollback-${d.label}`}>
                    <Undo2Icon aria-hidden="true" />
                    {d.from?.length ? `Roll back to ${targetsText(d.from)}` : 'Roll back (deletes it)'}
                  </Button>
                ) : null}
              </div>
              {d.note ? <p className="break-words text-muted-foreground" data-testid="deployment-note">“{d.note}”</p> : null}
              <p className="text-xs text-muted-foreground">
                {d.actor?.name ?? 'Someone'}
                {d.via === 'api_key' ? ' via API key' : ''} ·{' '}
                <time dateTime={d.createdAt} title={formatAbsolute(d.createdAt)}>
                  {formatRelative(d.createdAt, now)}
                </time>
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {history.isError ? <p className="text-sm text-destructive">Couldn&apos;t load the deployments: {errorMessage(history.error)}</p> : null}
      {history.hasNextPage ? (
        <Button variant="outline" size="sm" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {history.isFetchingNextPage ? <Spinner label="Loading older deployments" /> : null}
          Load older deployments
        </Button>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={confirming ? (confirming.from?.length ? `Roll ${confirming.label} back to ${targetsText(confirming.from)}?` : `Roll back and delete ${confirming.label}?`) : 'Roll back?'}
        description={
          !confirming
            ? ''
            : confirming.from?.length
              ? `${confirming.label} serves ${targetsText(confirming.to)} now. Apps fetching it get ${targetsText(confirming.from)} on their next request; the rollback is recorded and can itself be rolled back.`
              : `This undoes the restore of ${confirming.label}: the label is deleted again, and apps fetching it stop getting a version. It is recorded and can itself be rolled back.`
        }
        confirmLabel="Roll back"
        confirmTestId="confirm-rollback"
        pending={rollback.isPending}
        error={rollback.isError ? errorMessage(rollback.error) : null}
        onConfirm={confirmRollback}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete the label ${deleting?.name ?? ''}?`}
        description={`Apps that fetch this prompt with ?label=${deleting?.name ?? ''} stop getting a version. The deletion is recorded; rolling it back brings the label back.`}
        confirmLabel="Delete label"
        confirmTestId="confirm-delete-label"
        destructive
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.name, {
            onSuccess: () => {
              toast({ title: `Deleted the label ${deleting.name}`, variant: 'success' });
              setDeleting(null);
            },
          })
        }
      />
    </section>
  );
}

type LabelRowProps = { promptId: string; label: LabelView; comparing: boolean; onCompare: () => void; onDelete?: () => void };

function LabelRow({ promptId, label, comparing, onCompare, onDelete }: LabelRowProps) {
  const split = label.targets.length > 1;
  return (
    <li className="grid gap-2 rounded-lg border px-3 py-2" data-testid={`label-row-${label.name}`}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <LabelBadge name={label.name} targets={label.targets} protected={label.protected} />
        <span className="font-mono text-xs" data-testid="label-targets">
          {targetsText(label.targets)}
        </span>
        {split ? (
          <Button variant="ghost" size="sm" className="ml-auto h-7" onClick={onCompare} aria-expanded={comparing} data-testid={`compare-split-${label.name}`}>
            <BarChart3Icon aria-hidden="true" />
            {comparing ? 'Hide comparison' : 'Compare versions'}
          </Button>
        ) : null}
        {onDelete ? (
          <Button variant="ghost" size="icon-sm" className={split ? 'size-7' : 'ml-auto size-7'} onClick={onDelete} aria-label={`Delete the label ${label.name}`} data-testid={`delete-label-${label.name}`}>
            <Trash2Icon aria-hidden="true" />
          </Button>
        ) : null}
      </div>
      {split && comparing ? <SplitCompare promptId={promptId} label={label.name} /> : null}
    </li>
  );
}
