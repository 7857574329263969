'use client';

import { useMemo, useState } from 'react';
import type { Version } from '@/lib/client/types';
import { draftFromVersion, isDraftDirty, type Draft } from './draft';

/**
 * The draft being edited, its version notes, and the saved version it started from (the base a save names).
 * When a newer current version arrives (someone saved meanwhile) and nothing would be lost, the draft follows it.
 */
export function useDraft(current: Version | null) {
  const [base, setBase] = useState<Version | null>(current);
  const [draft, setDraft] = useState<Draft>(() => draftFromVersion(current));
  const [notes, setNotes] = useState('');
  const dirty = useMemo(() => isDraftDirty(draft, base), [draft, base]);

  if (current && !dirty && current.versionNumber > (base?.versionNumber ?? 0)) {
    // Adjusting state while rendering (no effect): the next render already shows the newer version.
    setBase(current);
    setDraft(draftFromVersion(current));
  }

  return {
    base,
    draft,
    notes,
    dirty,
    setNotes,
    edit: (patch: Partial<Draft>) => setDraft((prev) => ({ ...prev, ...patch })),
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
