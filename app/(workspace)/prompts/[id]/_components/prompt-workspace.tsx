'use client';

import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { promptQuery } from '@/components/prompts/use-prompt';
import { useRestoreVersion, useSaveVersion, useVersion } from '@/components/prompts/use-versions';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import type { Prompt } from '@/lib/client/types';
import { ContentEditor } from './content-editor';
import { DiffDialog } from './diff-dialog';
import { draftToPayload, modelToForm } from './draft';
import { PromptHeader } from './prompt-header';
import { ReadonlyBanner } from './readonly-banner';
import { RunHistory } from './run-history';
import { RunPanel, type RunPanelHandle } from './run-panel';
import { RunRestoreCallout } from './run-restore-callout';
import { SaveBar } from './save-bar';
import { saveErrors, staleBaseOf } from './save-errors';
import { StaleBaseDialog } from './stale-base-dialog';
import { useDraft } from './use-draft';
import type { CompareRange } from './use-version-diff';
import { useUnsavedGuard } from './use-unsaved-guard';
import { VersionHistory } from './version-history';

const isSaveShortcut = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's';

export function PromptWorkspace({ prompt }: { prompt: Prompt }) {
  const current = prompt.currentVersion;
  const client = useQueryClient();
  const { base, draft, notes, dirty, setNotes, edit, reset, saved } = useDraft(current);
  // ?version=N (links from a run) opens that version read-only; the current one is the draft itself.
  const searchParams = useSearchParams();
  const [viewing, setViewing] = useState<number | null>(() => {
    const n = Number(searchParams.get('version'));
    return Number.isInteger(n) && n >= 1 && n <= prompt.versionCount && n !== current?.versionNumber ? n : null;
  });
  const [confirmRestore, setConfirmRestore] = useState(false);
  const [compare, setCompare] = useState<{ open: boolean; range: CompareRange }>({ open: false, range: { from: 1, to: 1 } });
  const [restored, setRestored] = useState<{ from: number; to: number } | null>(null);
  const runPanel = useRef<RunPanelHandle>(null);
  const save = useSaveVersion(prompt.id);
  const restore = useRestoreVersion(prompt.id);
  // The current version came with the prompt; older ones are fetched when opened.
  const viewed = useVersion(prompt.id, viewing !== null && viewing !== current?.versionNumber ? viewing : null);

  const guard = useUnsavedGuard(dirty);
  const staleBase = staleBaseOf(save.error);
  const errors = saveErrors(staleBase === null ? save.error : null, save.variables);
  const openCompare = (range: CompareRange) => setCompare({ open: true, range });

  function saveDraft(baseVersionNumber = base?.versionNumber) {
    if (!dirty || save.isPending) return;
    const sent = draft;
    const sentNotes = notes;
    save.mutate(
      { ...draftToPayload(draft, base, notes), baseVersionNumber },
      {
        onSuccess: (version) => {
          saved(version, sent, sentNotes);
          toast({ title: `Saved version ${version.versionNumber}`, variant: 'success' });
        },
      },
    );
  }

  async function reloadLatest() {
    save.reset();
    try {
      const fresh = await client.fetchQuery({ ...promptQuery(prompt.id), staleTime: 0 });
      reset(fresh.currentVersion);
      setViewing(null);
    } catch (error) {
      toast({ title: 'Could not reload the prompt', description: errorMessage(error), variant: 'error' });
    }
  }

  function restoreVersion(versionNumber: number) {
    setConfirmRestore(false);
    restore.mutate(versionNumber, {
      onSuccess: (version) => {
        reset(version);
        save.reset();
        setViewing(null);
        setRestored({ from: versionNumber, to: version.versionNumber });
        toast({ title: `Restored version ${versionNumber} as version ${version.versionNumber}`, variant: 'success' });
      },
      onError: (error) => toast({ title: `Could not restore version ${versionNumber}`, description: errorMessage(error), variant: 'error' }),
    });
  }

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (!isSaveShortcut(event)) return;
    event.preventDefault(); // never the browser's "Save page" dialog
    // Inside a dialog the user is mid-edit of something else; read-only views have nothing to save.
    if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
    if (viewing === null) saveDraft();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const shown = viewing === null ? null : viewing === current?.versionNumber ? current : (viewed.data ?? null);
  const readOnly = viewing !== null;

  return (
    <div className="grid gap-6">
      <PromptHeader prompt={prompt} onDeleted={guard.navigate} />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="grid min-w-0 gap-5">
          {viewing !== null ? (
            <ReadonlyBanner
              versionNumber={viewing}
              version={shown}
              error={viewed.isError ? errorMessage(viewed.error) : null}
              isCurrent={viewing === current?.versionNumber}
              dirty={dirty}
              restoring={restore.isPending}
              onBack={() => setViewing(null)}
              onRestore={() => (dirty ? setConfirmRestore(true) : restoreVersion(viewing))}
              onCompare={() => current && openCompare({ from: viewing, to: current.versionNumber })}
            />
          ) : null}
          {restored && viewing === null && restored.to === current?.versionNumber ? (
            <RunRestoreCallout
              restoredFrom={restored.from}
              versionNumber={restored.to}
              onRun={() => {
                setRestored(null);
                runPanel.current?.run();
              }}
              onDismiss={() => setRestored(null)}
            />
          ) : null}
          <ContentEditor
            content={
              shown
                ? { systemPrompt: shown.systemPrompt, userPrompt: shown.userPrompt, variables: shown.variables, model: modelToForm(shown.model) }
                : draft
            }
            loading={readOnly && !shown}
            readOnly={readOnly}
            errors={readOnly ? undefined : errors}
            onChange={edit}
          />
          {!readOnly ? (
            <SaveBar
              notes={notes}
              onNotesChange={setNotes}
              notesError={errors.fields.notes}
              dirty={dirty}
              saving={save.isPending}
              error={errors.form}
              onSave={() => saveDraft()}
            />
          ) : null}
          <RunPanel ref={runPanel} promptId={prompt.id} version={current} dirty={dirty} />
        </div>
        <aside aria-label="Version history" className="lg:sticky lg:top-20 lg:max-h-[calc(100dvh-6rem)] lg:overflow-y-auto">
          <VersionHistory
            promptId={prompt.id}
            versionCount={prompt.versionCount}
            currentNumber={current?.versionNumber ?? null}
            selected={viewing}
            dirty={dirty}
            onSelect={setViewing}
            onCompare={(range) => openCompare(range)}
          />
        </aside>
      </div>
      <RunHistory promptId={prompt.id} versionCount={prompt.versionCount} onRunFirst={() => runPanel.current?.focus()} />
      <DiffDialog
        promptId={prompt.id}
        open={compare.open}
        initial={compare.range}
        onOpenChange={(open) => setCompare((prev) => ({ ...prev, open }))}
      />
      <StaleBaseDialog
        currentVersionNumber={staleBase}
        baseVersionNumber={base?.versionNumber ?? null}
        saving={save.isPending}
        onReload={() => void reloadLatest()}
        onCompare={() => {
          if (base && staleBase !== null) openCompare({ from: base.versionNumber, to: staleBase });
          save.reset();
        }}
        onSaveAnyway={() => staleBase !== null && saveDraft(staleBase)}
        onCancel={() => save.reset()}
      />
      <ConfirmDialog
        open={guard.confirming}
        onOpenChange={(open) => !open && guard.stay()}
        title="Discard unsaved changes?"
        description="Your edits haven't been saved as a version. If you leave now, they are lost."
        confirmLabel="Discard changes"
        cancelLabel="Keep editing"
        confirmTestId="confirm-discard"
        destructive
        onConfirm={guard.discard}
      />
      <ConfirmDialog
        open={confirmRestore}
        onOpenChange={setConfirmRestore}
        title="Discard unsaved changes?"
        description={`Restoring version ${viewing ?? ''} makes a copy of it the current version and resets your draft to it. Your unsaved edits are lost.`}
        confirmLabel="Discard and restore"
        confirmTestId="confirm-discard"
        destructive
        onConfirm={() => viewing !== null && restoreVersion(viewing)}
      />
    </div>
  );
}
