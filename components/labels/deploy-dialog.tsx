'use client';

import { useMemo, useState } from 'react';
import { RocketIcon } from 'lucide-react';
import { useVersions } from '@/components/prompts/use-versions';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { formErrors } from '@/lib/client/field-errors';
import { pageItems } from '@/lib/client/pages';
import { LabelBadge } from './label-badge';
import { checkLabelName, checkSplit, initialSplit, MAX_SPLIT_TARGETS, NOTE_MAX, targetsText, type SplitRow } from './label-model';
import type { LabelView, MoveLabelBody } from './label-types';
import { SplitEditor } from './split-editor';
import { useLabels, useMoveLabel, useWorkspaceRole } from './use-labels';

export type DeployPreset = { versionNumber: number; label?: string; note?: string };

type Props = { promptId: string; preset: DeployPreset | null; onOpenChange: (open: boolean) => void };

const SPLIT_PATHS = Array.from({ length: MAX_SPLIT_TARGETS }, (_, i) => [`split.${i}.versionNumber`, `split.${i}.weight`]).flat();
const PATHS = ['label', 'versionNumber', 'note', 'protected', 'split', ...SPLIT_PATHS];

/** "Deploy to…": points a label (existing or new) at a version or a split, with a note. Open while `preset` is set. */
export function DeployDialog({ promptId, preset, onOpenChange }: Props) {
  return (
    <Dialog open={preset !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg" data-testid="deploy-dialog">
        {preset ? <DeployForm key={`${preset.versionNumber}:${preset.label ?? ''}`} promptId={promptId} preset={preset} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function DeployForm({ promptId, preset, onDone }: { promptId: string; preset: DeployPreset; onDone: () => void }) {
  const labels = useLabels(promptId);
  const history = useVersions(promptId);
  const move = useMoveLabel(promptId);
  const { isAdmin } = useWorkspaceRole();
  const versions = useMemo(() => pageItems(history.data).map((v) => v.versionNumber), [history.data]);
  const existing = useMemo(() => (labels.data ?? []).filter((l) => !l.virtual), [labels.data]);

  const [labelText, setLabelText] = useState(preset.label ?? '');
  const [note, setNote] = useState(preset.note ?? '');
  const [splitting, setSplitting] = useState(false);
  const [rows, setRows] = useState<SplitRow[]>([]);
  const [protectedChoice, setProtectedChoice] = useState<boolean | null>(null);
  const [tried, setTried] = useState(false);

  const name = checkLabelName(labelText);
  const current: LabelView | undefined = existing.find((l) => l.name === name.name);
  const isProtected = protectedChoice ?? current?.protected ?? false;
  const known = useMemo(() => new Set([preset.versionNumber, ...versions]), [preset.versionNumber, versions]);
  const split = checkSplit(rows, known);
  const locked = current?.protected === true && !isAdmin;

  const server = formErrors(move.error, PATHS);
  const nameError = (tried || labelText.trim() !== '' ? name.error : null) ?? server.fields.label;
  const splitFields = { ...server.fields, ...(tried ? split.fields : {}) };
  const splitForm = (splitting ? split.form : null) ?? server.fields.split ?? null;

  function startSplit(on: boolean) {
    setSplitting(on);
    if (on && rows.length === 0) setRows(initialSplit(preset.versionNumber, current?.targets, versions));
  }

  function submit() {
    setTried(true);
    if (name.error || locked || move.isPending) return;
    if (splitting && !split.targets) return;
    const body: MoveLabelBody = splitting && split.targets ? { split: split.targets } : { versionNumber: preset.versionNumber };
    if (note.trim()) body.note = note.trim();
    if (isAdmin && protectedChoice !== null && protectedChoice !== (current?.protected ?? false)) body.protected = protectedChoice;
    move.mutate(
      { label: name.name, body },
      {
        onSuccess: (result) => {
          const to = targetsText(result.label.targets);
          toast({ title: result.deployment ? `Deployed ${to} to ${result.label.name}` : `${result.label.name} already serves ${to}`, variant: 'success' });
          onDone();
        },
      },
    );
  }

  const what = splitting ? 'the split' : `v${preset.versionNumber}`;
  return (
    <form
      className="grid gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <DialogHeader>
        <DialogTitle>Deploy v{preset.versionNumber} to…</DialogTitle>
        <DialogDescription>
          A label points apps at a version: they fetch it by slug with <code className="font-mono whitespace-nowrap">?label=</code>. The move is recorded and can be rolled back.
        </DialogDescription>
      </DialogHeader>
      {server.form ? (
        <Alert variant="destructive">
          <AlertDescription data-testid="deploy-error">{server.form}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-2">
        <Label htmlFor="deploy-label">Label</Label>
        <Input
          id="deploy-label"
          value={labelText}
          onChange={(e) => setLabelText(e.target.value)}
          placeholder="production"
          maxLength={50}
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          data-autofocus
          data-testid="deploy-label"
          {...fieldAria('deploy-label-error', nameError ?? undefined, 'deploy-label-hint')}
        />
        <FieldMessage id="deploy-label-error" message={nameError ?? undefined} />
        {existing.length > 0 ? (
          <div id="deploy-label-hint" className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
            <span>Existing:</span>
            {existing.map((l) => (
              <button
                key={l.name}
                type="button"
                onClick={() => setLabelText(l.name)}
                className="rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
                aria-label={`Use ${l.name} (now ${targetsText(l.targets)})`}
                aria-pressed={l.name === name.name}
                data-testid={`deploy-pick-${l.name}`}
              >
                <LabelBadge name={l.name} targets={l.targets} protected={l.protected} className={l.name === name.name ? 'ring-2 ring-ring/50' : undefined} />
              </button>
            ))}
          </div>
        ) : (
          <p id="deploy-label-hint" className="text-xs text-muted-foreground">
            No labels yet. Try production or staging; lowercase letters, digits, dots, dashes.
          </p>
        )}
        {current ? (
          <p className="text-xs text-muted-foreground" data-testid="deploy-current">
            {current.name} now serves {targetsText(current.targets)}.
          </p>
        ) : null}
      </div>
      {locked ? (
        <Alert variant="warning">
          <AlertDescription data-testid="deploy-locked">{current?.name} is protected: only admins move it.</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-2">
        <Label htmlFor="deploy-note">Note</Label>
        <Input id="deploy-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={NOTE_MAX} placeholder="optional: why this version" data-testid="deploy-note" {...fieldAria('deploy-note-error', server.fields.note)} />
        <FieldMessage id="deploy-note-error" message={server.fields.note} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={splitting} onChange={(e) => startSplit(e.target.checked)} disabled={known.size < 2} data-testid="deploy-split-toggle" />
        Split traffic between versions
        {known.size < 2 ? <span className="text-xs text-muted-foreground">(needs a second version)</span> : null}
      </label>
      {splitting ? (
        <div className="grid gap-1">
          <SplitEditor rows={rows} versions={[...known].sort((a, b) => b - a)} fields={splitFields} total={split.total} onChange={setRows} />
          {splitForm ? (
            <p className="text-xs text-destructive" data-testid="split-error">
              {splitForm}
            </p>
          ) : null}
        </div>
      ) : null}
      {isAdmin ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={isProtected} onChange={(e) => setProtectedChoice(e.target.checked)} data-testid="deploy-protected" />
          Protected: only admins move this label
        </label>
      ) : null}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={move.isPending || locked} data-testid="deploy-submit">
          {move.isPending ? <Spinner label="Deploying" /> : <RocketIcon aria-hidden="true" />}
          Deploy {what}
          {name.error ? '' : ` to ${name.name}`}
        </Button>
      </DialogFooter>
    </form>
  );
}
