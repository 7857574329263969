'use client';

import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { useDiscardServerDraft, useSaveServerDraft, useServerDraft } from '@/components/prompts/use-server-draft';
import type { Version } from '@/lib/client/types';
import { draftFromTemplate, draftFromVersion, isDraftChanged, type Draft } from './draft';
import { stateToContent, type DraftValues } from './draft-content';
import { draftErrors } from './draft-errors';
import { pickRestoreOffer, type RestoreOffer } from './draft-restore';
import { clearLocalDraft, readLocalDraft, writeLocalDraft } from './draft-storage';
import { loadLastValues } from './run-variables';

/** What <DraftRestoreBanner> shows and does. */
export type DraftRestore = {
  offer: RestoreOffer | null;
  currentVersionNumber: number | null;
  accept: () => void;
  discard: () => void;
};

// loading: the server's copy is not in yet; offered: a saved draft waits for Restore / Discard; settled: autosave runs.
type Phase = 'loading' | 'offered' | 'settled';

/**
 * The draft being edited, its version notes, the run panel's values and the saved version it started from (the
 * base a save names). Every change is kept in this browser at once and on the server a second later, and offered
 * back on the next load. When a newer current version arrives and nothing would be lost, the draft follows it.
 */
export function useDraft({ promptId, current }: { promptId: string; current: Version | null }) {
  const [base, setBase] = useState<Version | null>(current);
  const [draft, setDraft] = useState<Draft>(() => draftFromVersion(current));
  const [notes, setNotes] = useState('');
  const [values, setValues] = useState<DraftValues>(() => loadLastValues(promptId));
  const dirty = useMemo(() => isDraftChanged(draft, base), [draft, base]);
  const problems = useMemo(() => draftErrors(draft), [draft]);

  const [local] = useState(() => readLocalDraft(promptId));
  const server = useServerDraft(promptId);
  const saver = useSaveServerDraft(promptId);
  const discardServer = useDiscardServerDraft(promptId);
  const [phase, setPhase] = useState<Phase>('loading');
  const [offer, setOffer] = useState<RestoreOffer | null>(null);
  // The draft as it was when the offer appeared: typing past it means the user chose to go on without restoring.
  const [offeredOver, setOfferedOver] = useState<Draft | null>(null);

  if (current && !dirty && current.versionNumber > (base?.versionNumber ?? 0)) {
    // Adjusting state while rendering (no effect): the next render already shows the newer version.
    const next = draftFromVersion(current);
    setBase(current);
    setDraft(next);
    // Following a newer version is not the user typing past the offer.
    if (phase === 'offered' && draft === offeredOver) setOfferedOver(next);
  }

  if (phase === 'loading' && !server.isPending) {
    // Offline or refused: this browser's copy alone is still worth offering.
    const found = pickRestoreOffer({ server: server.data ?? null, local, current: base });
    setOffer(found);
    setOfferedOver(found ? draft : null);
    setPhase(found ? 'offered' : 'settled');
  }

  const typedPastOffer = phase === 'offered' && draft !== offeredOver;

  const persist = useEffectEvent(() => {
    const touched = phase === 'settled' || typedPastOffer;
    const state = { draft, notes, values };
    if (dirty) {
      // Written before the server knows: a crash a moment later still leaves this copy.
      writeLocalDraft(promptId, { state, baseVersionNumber: base?.versionNumber ?? null, updatedAt: new Date().toISOString() });
      if (phase === 'loading' || !touched) return;
      saver.save({ content: stateToContent(state), ...(base ? { baseVersionNumber: base.versionNumber } : {}) });
    } else if (touched) {
      // Back to the saved version (or just saved): nothing left to offer anywhere.
      clearLocalDraft(promptId);
      saver.cancel();
      if ((server.data || saver.isSaving) && !discardServer.isPending) discardServer.mutate();
    }
  });

  useEffect(() => persist(), [draft, notes, values, base, phase]);

  const restore: DraftRestore = {
    offer: phase === 'offered' ? offer : null,
    currentVersionNumber: base?.versionNumber ?? null,
    accept: () => {
      if (!offer) return;
      setDraft(offer.state.draft);
      setNotes(offer.state.notes);
      setValues((prev) => ({ ...prev, ...offer.state.values }));
      setPhase('settled');
    },
    discard: () => {
      setPhase('settled');
      // Once the user typed on, both copies already hold the new edits instead: only the offer goes.
      if (typedPastOffer) return;
      clearLocalDraft(promptId);
      discardServer.mutate();
    },
  };

  return {
    base,
    draft,
    notes,
    values,
    dirty,
    /** Field errors found in the browser (keyed by API path); a save waits until there are none. */
    problems,
    restore,
    setNotes,
    setValues,
    edit: (patch: Partial<Draft>) => setDraft((prev) => ({ ...prev, ...patch })),
    /** Puts a run's recorded template in the editor as the draft (?fromRun=), on top of the same base. */
    load: (template: Parameters<typeof draftFromTemplate>[0]) => setDraft(draftFromTemplate(template)),
    /** Starts over from a version (after a restore, or reloading on purpose). */
    reset: (version: Version | null) => {
      setBase(version);
      setDraft(draftFromVersion(version));
      setNotes('');
    },
    /** `sent` was saved as `version`; edits typed while the request was in flight stay (and keep the draft dirty). */
    saved: (version: Version, sent: Draft, sentNotes: string) => {
      setBase(version);
      setDraft((prev) => (prev === sent ? draftFromVersion(version) : prev));
      setNotes((prev) => (prev === sentNotes ? '' : prev));
    },
  };
}
