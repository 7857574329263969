'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { apiFetch } from '@/lib/client/api';
import type { Run, RunPage } from '@/lib/client/types';
import { isInFlight } from './run-format';

const POLL_MS = 1500;

type State = {
  query: string;
  items: Run[];
  nextCursor: string | null;
  /** Pages beyond the first have been loaded: a refresh keeps them and their cursor. */
  extended: boolean;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
};

const loading = (query: string): State => ({ query, items: [], nextCursor: null, extended: false, status: 'loading', error: null });

/** Puts a fresh first page on top of what is loaded, keeping older pages that were loaded with "Load more". */
function mergeFirstPage(prev: State, page: RunPage): State {
  if (!prev.extended) return { ...prev, items: page.items, nextCursor: page.nextCursor, status: 'ready', error: null };
  const seen = new Set(page.items.map((r) => r.id));
  const last = page.items.at(-1);
  const older = prev.items.filter((r) => !seen.has(r.id) && (!last || r.createdAt <= last.createdAt));
  return { ...prev, items: [...page.items, ...older], status: 'ready', error: null };
}

/**
 * Runs matching `query` (a GET /api/v1/runs query string without cursor), newest first, with "Load more".
 * Refreshes every 1.5 s while a listed run is queued or running, and right away when `pulse` changes.
 */
export function useRunsList(query: string, { pulse = 0, limit = 50 }: { pulse?: number; limit?: number } = {}) {
  const [raw, setRaw] = useState<State>(() => loading(query));
  const [loadingMore, setLoadingMore] = useState(false);
  // Filters changed: show the old rows dimmed until the new ones land, rather than flashing a skeleton.
  const stale = raw.query !== query;
  const state = stale && raw.status === 'error' ? loading(query) : raw;

  const url = useCallback(
    (cursor?: string) => {
      const params = new URLSearchParams(query);
      params.set('limit', String(limit));
      if (cursor) params.set('cursor', cursor);
      return `/api/v1/runs?${params}`;
    },
    [query, limit],
  );

  // Only the newest request for a query may write, so a slow poll can't overwrite a fresher page.
  const latest = useRef(0);

  const refresh = useCallback(
    async (signal?: AbortSignal) => {
      const request = ++latest.current;
      try {
        const page = await apiFetch<RunPage>(url(), { signal });
        if (request !== latest.current || signal?.aborted) return;
        setRaw((prev) => (prev.query === query ? mergeFirstPage(prev, page) : { ...loading(query), ...page, status: 'ready' }));
      } catch (error) {
        if (request !== latest.current || signal?.aborted) return;
        setRaw((prev) =>
          prev.query === query && prev.status === 'ready'
            ? prev // a failed poll keeps the rows; the next tick tries again
            : { ...loading(query), status: 'error', error: (error as Error).message },
        );
      }
    },
    [url, query],
  );

  useEffect(() => {
    const controller = new AbortController();
    void refresh(controller.signal);
    return () => controller.abort();
  }, [refresh, pulse]);

  const polling = state.query === query && state.items.some((r) => isInFlight(r.status));
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [polling, refresh]);

  const loadMore = useCallback(async () => {
    const cursor = state.nextCursor;
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await apiFetch<RunPage>(url(cursor));
      setRaw((prev) => {
        if (prev.query !== query) return prev;
        const seen = new Set(prev.items.map((r) => r.id));
        return { ...prev, items: [...prev.items, ...page.items.filter((r) => !seen.has(r.id))], nextCursor: page.nextCursor, extended: true };
      });
    } catch (error) {
      setRaw((prev) => ({ ...prev, error: (error as Error).message }));
    } finally {
      setLoadingMore(false);
    }
  }, [state.nextCursor, loadingMore, url, query]);

  return {
    items: state.items,
    nextCursor: state.nextCursor,
    status: state.status,
    error: state.error,
    stale: stale && state.status !== 'loading',
    live: polling,
    loadingMore,
    loadMore,
    retry: () => void refresh(),
  };
}
