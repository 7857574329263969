'use client';

import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { DeploymentTimeline } from '@/components/labels/deployment-timeline';
import { promptQuery } from '@/components/prompts/use-prompt';
import { useRestoreVersion, useSaveVersion, useVersion } from '@/components/prompts/use-versions';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import type { Prompt, Run } from '@/lib/client/types';
import { ContentEditor } from './content-editor';
import { DiffDialog } from './diff-dialog';
import { draftFromVersion, draftToPayload, draftToRunDraft } from './draft';
import { DraftRestoreBanner } from './draft-restore-banner';
import { PlaygroundLayout } from './playground-layout';
import { PlaygroundPane, type PlaygroundHandle } from './playground-pane';
import { parseCompareParam, parseVersionParam, replaceQuery } from './playground-url';
import { PromptHeader } from './prompt-header';
import { ReadonlyBanner } from './readonly-banner';
import { RunRestoreCallout } from './run-restore-callout';
import { valuesFromRun } from './run-variables';
import { SaveBar } from './save-bar';
import { saveErrors, staleBaseOf } from './save-errors';
import { StaleBaseDialog } from './stale-base-dialog';
import { useDraft } from './use-draft';
import { useFromRun } from './use-from-run';
import { useUnsavedGuard } from './use-unsaved-guard';
import type { CompareRange } from './use-version-diff';
import { VersionHistory } from './version-history';
import { WorkspaceDialogs } from './workspace-dialogs';

const isSaveShortcut = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's';

/** The playground: the editor and its versions on the left; Run, its outputs and the run history on the right. */
export function PromptWorkspace({ prompt }: { prompt: Prompt }) {
  const current = prompt.currentVersion;
  const client = useQueryClient();
  const d = useDraft({ promptId: prompt.id, current });
  const { base, draft, notes, dirty } = d;
  // Links: ?version=N opens that version read-only, ?compare=A..B the diff, ?fromRun=<id> a run's inputs.
  const searchParams = useSearchParams();
  const [viewing, setViewingState] = useState<number | null>(() => parseVersionParam(searchParams.get('version'), prompt.versionCount, current?.versionNumber ?? null));
  const [compare, setCompare] = useState<{ open: boolean; range: CompareRange }>(() => {
    const range = parseCompareParam(searchParams.get('compare'), prompt.versionCount);
    return range ? { open: true, range } : { open: false, range: { from: 1, to: 1 } };
  });
  const [confirmRestore, setConfirmRestore] = useState(false);
  const [restored, setRestored] = useState<{ from: number; to: number } | null>(null);
  const pane = useRef<PlaygroundHandle>(null);
  const save = useSaveVersion(prompt.id);
  const restore = useRestoreVersion(prompt.id);
  // The current version came with the prompt; older ones are fetched when opened.
  const viewed = useVersion(prompt.id, viewing !== null && viewing !== current?.versionNumber ? viewing : null);

  const guard = useUnsavedGuard(dirty);
  const staleBase = staleBaseOf(save.error);
  const errors = saveErrors(staleBase === null ? save.error : null, save.variables);

  function setViewing(versionNumber: number | null) {
    setViewingState(versionNumber);
    replaceQuery({ version: versionNumber === null ? null : String(versionNumber) });
  }

  function openCompare(range: CompareRange) {
    setCompare({ open: true, range });
    replaceQuery({ compare: `${range.from}..${range.to}` });
  }

  useFromRun(prompt.id, searchParams.get('fromRun'), (run: Run) => {
    d.setValues(valuesFromRun(run.variables));
    pane.current?.setup.setTargets([{ provider: run.provider, model: run.model }]);
    if (run.versionNumber !== null) {
      if (run.versionNumber !== current?.versionNumber) pane.current?.setup.setChoice(run.versionNumber);
    } else if (run.template) {
      d.load(run.template);
    }
    replaceQuery({ fromRun: null });
    toast({ title: run.versionNumber === null ? "Loaded the draft run's prompt and inputs" : `Loaded the run's inputs (version ${run.versionNumber})`, variant: 'success' });
  });

  function saveDraft(baseVersionNumber = base?.versionNumber) {
    // The fields already say what is wrong; nothing is sent until they are fixed.
    if (!dirty || save.isPending || Object.keys(d.problems).length > 0) return;
    const sent = draft;
    const sentNotes = notes;
    save.mutate(
      { ...draftToPayload(draft, base, notes), baseVersionNumber },
      {
        onSuccess: (version) => {
          d.saved(version, sent, sentNotes);
          toast({ title: `Saved version ${version.versionNumber}`, variant: 'success' });
        },
      },
    );
  }

  async function reloadLatest() {
    save.reset();
    try {
      const fresh = await client.fetchQuery({ ...promptQuery(prompt.id), staleTime: 0 });
      d.reset(fresh.currentVersion);
      setViewing(null);
    } catch (error) {
      toast({ title: 'Could not reload the prompt', description: errorMessage(error), variant: 'error' });
    }
  }

  function restoreVersion(versionNumber: number) {
    setConfirmRestore(false);
    restore.mutate(versionNumber, {
      onSuccess: (version) => {
        d.reset(version);
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

  const left = (
    <>
      {!readOnly ? <DraftRestoreBanner restore={d.restore} /> : null}
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
            pane.current?.run();
          }}
          onDismiss={() => setRestored(null)}
        />
      ) : null}
      <ContentEditor
        content={shown ? draftFromVersion(shown) : draft}
        loading={readOnly && !shown}
        readOnly={readOnly}
        errors={readOnly ? undefined : errors}
        onChange={d.edit}
      />
      {!readOnly ? (
        <SaveBar
          notes={notes}
          onNotesChange={d.setNotes}
          notesError={errors.fields.notes}
          dirty={dirty}
          saving={save.isPending}
          error={errors.form}
          problemCount={Object.keys(d.problems).length}
          onSave={() => saveDraft()}
        />
      ) : null}
      <VersionHistory
        promptId={prompt.id}
        versionCount={prompt.versionCount}
        currentNumber={current?.versionNumber ?? null}
        selected={viewing}
        dirty={dirty}
        onSelect={setViewing}
        onCompare={openCompare}
      />
      {current ? <DeploymentTimeline promptId={prompt.id} /> : null}
    </>
  );

  return (
    // Wide screens: exactly the viewport under the app header (3.5rem + its 1px border) and main's padding (3rem).
    <div className="flex flex-col gap-4 lg:h-[calc(100dvh-6.5rem-1px)] lg:min-h-[36rem]">
      <PromptHeader
        prompt={prompt}
        onDeleted={guard.navigate}
        code={{ versionNumber: viewing, runDraft: dirty && viewing === null ? draftToRunDraft(draft) : null, values: d.values }}
      />
      <PlaygroundLayout
        left={left}
        right={
          <PlaygroundPane
            ref={pane}
            run={{ prompt, screen: { viewing, dirty, baseVersion: base?.versionNumber ?? null }, draft, shown, values: d.values, problems: Object.keys(d.problems).length }}
            onValuesChange={d.setValues}
            onDraftSaved={(version, sent) => (sent ? d.saved(version, sent, notes) : d.reset(version))}
          />
        }
      />
      <DiffDialog
        promptId={prompt.id}
        open={compare.open}
        initial={compare.range}
        onOpenChange={(open) => {
          setCompare((prev) => ({ ...prev, open }));
          if (!open) replaceQuery({ compare: null });
        }}
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
      <WorkspaceDialogs
        guard={guard}
        confirmRestore={confirmRestore}
        onConfirmRestoreChange={setConfirmRestore}
        viewing={viewing}
        onRestore={() => viewing !== null && restoreVersion(viewing)}
      />
    </div>
  );
}
