'use client';

import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { TemplateEditor } from '@/components/prompts/template-editor';
import { toast } from '@/components/ui/toaster';
import { apiFetch } from '@/lib/client/api';
import type { Version } from '@/lib/client/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DiffDialog, type CompareRange } from './diff-dialog';
import { draftFromVersion, draftToPayload, isDraftDirty, modelToForm, type Draft } from './draft';
import { ModelSettings } from './model-settings';
import { PromptHeader } from './prompt-header';
import { ReadonlyBanner } from './readonly-banner';
import { RunHistory } from './run-history';
import { RunPanel, type RunPanelHandle } from './run-panel';
import { RunRestoreCallout } from './run-restore-callout';
import { SaveBar } from './save-bar';
import { promptPath, withNewVersion, type PromptData } from './use-prompt-data';
import { useUnsavedGuard } from './use-unsaved-guard';
import { VariablesPanel } from './variables-panel';
import { VersionHistory } from './version-history';

type Props = {
  data: PromptData;
  update: (fn: (data: PromptData) => PromptData) => void;
  reload: () => Promise<void>;
};

const isSaveShortcut = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's';

export function PromptWorkspace({ data, update, reload }: Props) {
  const { prompt, versions } = data;
  const current = prompt.currentVersion;
  const [draft, setDraft] = useState<Draft>(() => draftFromVersion(current));
  const [notes, setNotes] = useState('');
  // ?version=N (links from a run) opens that version read-only; the current one is the draft itself.
  const searchParams = useSearchParams();
  const [viewing, setViewing] = useState<number | null>(() => {
    const n = Number(searchParams.get('version'));
    return n !== current?.versionNumber && versions.some((v) => v.versionNumber === n) ? n : null;
  });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [confirmRestore, setConfirmRestore] = useState(false);
  const [compare, setCompare] = useState<{ open: boolean; range: CompareRange }>({ open: false, range: { from: 1, to: 1 } });
  const [restored, setRestored] = useState<{ from: number; to: number } | null>(null);
  const [runPulse, setRunPulse] = useState(0);
  const runPanel = useRef<RunPanelHandle>(null);

  const dirty = useMemo(() => isDraftDirty(draft, current), [draft, current]);
  const guard = useUnsavedGuard(dirty);
  const viewed = viewing === null ? null : (versions.find((v) => v.versionNumber === viewing) ?? null);
  const edit = (patch: Partial<Draft>) => setDraft((prev) => ({ ...prev, ...patch }));

  async function save() {
    if (!dirty || saving) return;
    const sent = draft;
    const sentNotes = notes;
    setSaving(true);
    setSaveError(null);
    try {
      const version = await apiFetch<Version>(`${promptPath(prompt.id)}/versions`, {
        method: 'POST',
        body: draftToPayload(draft, current, notes),
      });
      update((d) => withNewVersion(d, version));
      // Edits typed while the request was in flight stay in the draft (and keep it dirty).
      setDraft((prev) => (prev === sent ? draftFromVersion(version) : prev));
      setNotes((prev) => (prev === sentNotes ? '' : prev));
      toast({ title: `Saved version ${version.versionNumber}`, variant: 'success' });
      void reload();
    } catch (error) {
      setSaveError((error as Error).message);
    } finally {
      setSaving(false);
    }
  }

  async function restore(versionNumber: number) {
    setConfirmRestore(false);
    setRestoring(true);
    try {
      const version = await apiFetch<Version>(`${promptPath(prompt.id)}/restore`, { method: 'POST', body: { versionNumber } });
      update((d) => withNewVersion(d, version));
      setDraft(draftFromVersion(version));
      setNotes('');
      setSaveError(null);
      setViewing(null);
      setRestored({ from: versionNumber, to: version.versionNumber });
      toast({ title: `Restored version ${versionNumber} as version ${version.versionNumber}`, variant: 'success' });
      void reload();
    } catch (error) {
      toast({ title: `Could not restore version ${versionNumber}`, description: (error as Error).message, variant: 'error' });
    } finally {
      setRestoring(false);
    }
  }

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (!isSaveShortcut(event)) return;
    event.preventDefault(); // never the browser's "Save page" dialog
    // Inside a dialog the user is mid-edit of something else; read-only views have nothing to save.
    if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
    if (viewing === null) void save();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  function openCompare(range: CompareRange) {
    setCompare({ open: true, range });
  }

  const content = viewed
    ? { systemPrompt: viewed.systemPrompt, userPrompt: viewed.userPrompt, variables: viewed.variables, model: modelToForm(viewed.model) }
    : draft;
  const readOnly = viewed !== null;

  return (
    <div className="grid gap-6">
      <PromptHeader prompt={prompt} onPromptChange={(p) => update((d) => ({ ...d, prompt: p }))} onDeleted={guard.navigate} />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="grid min-w-0 gap-5">
          {viewed ? (
            <ReadonlyBanner
              version={viewed}
              isCurrent={viewed.versionNumber === current?.versionNumber}
              dirty={dirty}
              restoring={restoring}
              onBack={() => setViewing(null)}
              onRestore={() => (dirty ? setConfirmRestore(true) : void restore(viewed.versionNumber))}
              onCompare={() => current && openCompare({ from: viewed.versionNumber, to: current.versionNumber })}
            />
          ) : null}
          {restored && !viewed && restored.to === current?.versionNumber ? (
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
          <TemplateEditor
            id="system-prompt"
            label="System prompt"
            hint="Optional. Sets the model's role and rules."
            value={content.systemPrompt}
            onChange={(systemPrompt) => edit({ systemPrompt })}
            readOnly={readOnly}
            placeholder="You are a helpful assistant…"
            testId="system-prompt-editor"
          />
          <TemplateEditor
            id="user-prompt"
            label="User prompt"
            hint={<>Use {'{{ name }}'} for inputs; write \{'{{'} for literal braces.</>}
            value={content.userPrompt}
            onChange={(userPrompt) => edit({ userPrompt })}
            readOnly={readOnly}
            placeholder="Summarise {{ text }} in {{ sentences }} sentences."
            testId="user-prompt-editor"
          />
          <div className="grid items-start gap-5 xl:grid-cols-2">
            <VariablesPanel
              systemPrompt={content.systemPrompt}
              userPrompt={content.userPrompt}
              variables={content.variables}
              readOnly={readOnly}
              onChange={(variables) => edit({ variables })}
            />
            <ModelSettings value={content.model} onChange={(model) => edit({ model })} readOnly={readOnly} />
          </div>
          {!readOnly ? (
            <SaveBar notes={notes} onNotesChange={setNotes} dirty={dirty} saving={saving} error={saveError} onSave={() => void save()} />
          ) : null}
          <RunPanel ref={runPanel} promptId={prompt.id} version={current} dirty={dirty} onRunsChanged={() => setRunPulse((n) => n + 1)} />
        </div>
        <aside aria-label="Version history" className="lg:sticky lg:top-20 lg:max-h-[calc(100dvh-6rem)] lg:overflow-y-auto">
          <VersionHistory
            versions={versions}
            currentNumber={current?.versionNumber ?? null}
            selected={viewed ? viewed.versionNumber : null}
            dirty={dirty}
            onSelect={setViewing}
            onCompare={() => {
              const [newest, previous] = versions;
              if (newest) openCompare({ from: (previous ?? newest).versionNumber, to: newest.versionNumber });
            }}
          />
        </aside>
      </div>
      <RunHistory promptId={prompt.id} versions={versions} pulse={runPulse} onRunFirst={() => runPanel.current?.focus()} />
      <DiffDialog
        promptId={prompt.id}
        versions={versions}
        open={compare.open}
        initial={compare.range}
        onOpenChange={(open) => setCompare((prev) => ({ ...prev, open }))}
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
        onConfirm={() => viewing !== null && void restore(viewing)}
      />
    </div>
  );
}
