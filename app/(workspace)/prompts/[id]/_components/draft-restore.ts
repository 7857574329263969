import type { PromptDraft, Version } from '@/lib/client/types';
import { formatRelative } from '@/lib/client/format';
import { isDraftChanged } from './draft';
import { contentToState, type EditorState } from './draft-content';
import type { LocalDraft } from './draft-storage';

/** A saved draft worth offering back: newer than nothing else, and different from the current version. */
export type RestoreOffer = {
  state: EditorState;
  updatedAt: string;
  baseVersionNumber: number | null;
  /** Started from a version older than the current one (someone saved meanwhile). */
  stale: boolean;
  source: 'server' | 'local';
};

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};

/**
 * Which saved draft to offer on load: the newer of the server's (any device) and this browser's, and only when
 * its content differs from the current version. On a tie the local copy wins: it also keeps half-typed values.
 */
export function pickRestoreOffer({
  server,
  local,
  current,
}: {
  server: PromptDraft | null;
  local: LocalDraft | null;
  current: Version | null;
}): RestoreOffer | null {
  const candidates: RestoreOffer[] = [];
  const stale = (base: number | null) => base !== null && current !== null && base < current.versionNumber;
  if (local) candidates.push({ ...local, stale: stale(local.baseVersionNumber), source: 'local' });
  if (server) {
    const state = contentToState(server.content, current);
    candidates.push({ state, updatedAt: server.updatedAt, baseVersionNumber: server.baseVersionNumber, stale: stale(server.baseVersionNumber), source: 'server' });
  }
  const newest = candidates.reduce<RestoreOffer | null>((best, c) => (best === null || time(c.updatedAt) > time(best.updatedAt) ? c : best), null);
  return newest && isDraftChanged(newest.state.draft, current) ? newest : null;
}

/** "Restore draft from 2 minutes ago" and, for a stale one, what it was based on. */
export function restoreOfferText(offer: RestoreOffer, nowMs: number, currentVersionNumber: number | null): { title: string; detail: string | null } {
  const when = formatRelative(offer.updatedAt, nowMs);
  const title = when === 'just now' ? 'Restore draft from a moment ago' : `Restore draft from ${when}`;
  const detail =
    offer.stale && currentVersionNumber !== null
      ? `It was based on version ${offer.baseVersionNumber}; version ${currentVersionNumber} has been saved since. Restoring puts your edits on top of version ${currentVersionNumber}.`
      : null;
  return { title, detail };
}
