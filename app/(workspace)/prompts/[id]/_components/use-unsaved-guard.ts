'use client';

import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';

type PendingNavigation = { kind: 'link'; href: string } | { kind: 'back' };

// Marks the extra history entry pushed while dirty, so the Back button lands on it first.
const GUARD_KEY = '__promptlabUnsavedGuard';
const isGuardEntry = (state: unknown) =>
  typeof state === 'object' && state !== null && (state as Record<string, unknown>)[GUARD_KEY] === true;

function pushGuardEntry() {
  // No URL: Next.js copies its own state into the entry and leaves its router alone.
  window.history.pushState({ [GUARD_KEY]: true }, '');
}

/** The same-origin link a click would follow, or null when the click isn't a plain in-app navigation. */
function interceptableHref(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute('download')) return null;
  if (anchor.target && anchor.target !== '_self') return null;
  const url = new URL(anchor.href, window.location.href);
  // Other origins unload the page, which beforeunload already covers.
  if (url.origin !== window.location.origin) return null;
  if (url.pathname === window.location.pathname && url.search === window.location.search) return null;
  return url.pathname + url.search + url.hash;
}

/**
 * Keeps unsaved edits from being lost silently: the browser prompt on unload, a confirm dialog for
 * in-app links (capture-phase, before Next's <Link> handles the click) and for the Back button
 * (via a guard history entry). `navigate` leaves on purpose, skipping the guard.
 */
export function useUnsavedGuard(dirty: boolean) {
  const router = useRouter();
  const [pending, setPending] = useState<PendingNavigation | null>(null);
  const leaving = useRef(false);
  const onGuardEntry = useRef(false);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (leaving.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (leaving.current) return;
      const href = interceptableHref(event);
      if (href === null) return;
      event.preventDefault();
      event.stopPropagation();
      setPending({ kind: 'link', href });
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('click', onClick, true);
    };
  }, [dirty]);

  const onPopState = useEffectEvent((event: PopStateEvent) => {
    const wasOnGuard = onGuardEntry.current;
    onGuardEntry.current = isGuardEntry(event.state);
    if (!wasOnGuard || onGuardEntry.current || leaving.current) return;
    // Back was pressed on the guard entry: we are still on this page, one entry earlier.
    if (dirty) setPending({ kind: 'back' });
    else window.history.back(); // a leftover guard entry: carry on to where the user was going
  });

  useEffect(() => {
    onGuardEntry.current = isGuardEntry(window.history.state);
    const listener = (event: PopStateEvent) => onPopState(event);
    window.addEventListener('popstate', listener);
    return () => window.removeEventListener('popstate', listener);
  }, []);

  useEffect(() => {
    if (dirty && !isGuardEntry(window.history.state)) {
      pushGuardEntry();
      onGuardEntry.current = true;
    }
  }, [dirty]);

  /** Leaves the page without asking; replaces the guard entry so Back doesn't return to it. */
  const navigate = useCallback(
    (href: string) => {
      leaving.current = true;
      if (isGuardEntry(window.history.state)) router.replace(href);
      else router.push(href);
    },
    [router],
  );

  const discard = useCallback(() => {
    const target = pending;
    setPending(null);
    if (!target) return;
    if (target.kind === 'link') {
      navigate(target.href);
    } else {
      leaving.current = true;
      window.history.back();
    }
  }, [pending, navigate]);

  const stay = useCallback(() => {
    // Re-arm the Back button guard that was just used up.
    if (pending?.kind === 'back' && !isGuardEntry(window.history.state)) {
      pushGuardEntry();
      onGuardEntry.current = true;
    }
    setPending(null);
  }, [pending]);

  return { confirming: pending !== null, discard, stay, navigate };
}
