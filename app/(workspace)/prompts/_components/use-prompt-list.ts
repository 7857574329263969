'use client';

import { useCallback, useEffect, useState } from 'react';
import { apiFetch } from '@/lib/client/api';
import type { PromptListItem } from '@/lib/client/types';

type Page = { items: PromptListItem[]; nextCursor: string | null };
type State = { items: PromptListItem[]; nextCursor: string | null; status: 'loading' | 'ready' | 'error'; error?: string };

/** Loads the list for a search and tag; a newer query cancels the request still in flight. */
export function usePromptList(query: string, tag: string | null) {
  const [state, setState] = useState<State>({ items: [], nextCursor: null, status: 'loading' });
  const [loadingMore, setLoadingMore] = useState(false);

  const url = useCallback(
    (cursor?: string) => {
      const params = new URLSearchParams({ limit: '24' });
      if (query) params.set('q', query);
      if (tag) params.set('tag', tag);
      if (cursor) params.set('cursor', cursor);
      return `/api/v1/prompts?${params}`;
    },
    [query, tag],
  );

  useEffect(() => {
    const controller = new AbortController();
    apiFetch<Page>(url(), { signal: controller.signal })
      .then((page) => setState({ ...page, status: 'ready' }))
      .catch((error: Error) => {
        if (!controller.signal.aborted) setState({ items: [], nextCursor: null, status: 'error', error: error.message });
      });
    return () => controller.abort();
  }, [url]);

  const loadMore = useCallback(async () => {
    if (!state.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await apiFetch<Page>(url(state.nextCursor));
      setState((prev) => ({ ...prev, items: [...prev.items, ...page.items], nextCursor: page.nextCursor }));
    } finally {
      setLoadingMore(false);
    }
  }, [state.nextCursor, url]);

  return { ...state, loadingMore, loadMore };
}
