'use client';

import { useEffect, useMemo, useState } from 'react';
import { apiFetch } from '@/lib/client/api';
import type { PromptListItem } from '@/lib/client/types';

const MAX_PAGES = 5;

type PromptOption = { id: string; title: string };

/** The workspace's prompts (id and title, up to 500) for the prompt filter and the Prompt column. */
export function usePromptTitles() {
  const [prompts, setPrompts] = useState<PromptOption[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const all: PromptOption[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const params = new URLSearchParams({ limit: '100' });
        if (cursor) params.set('cursor', cursor);
        const data: { items: PromptListItem[]; nextCursor: string | null } = await apiFetch(`/api/v1/prompts?${params}`, {
          signal: controller.signal,
        });
        all.push(...data.items.map((p) => ({ id: p.id, title: p.title })));
        cursor = data.nextCursor;
        if (!cursor) break;
      }
      if (!controller.signal.aborted) setPrompts(all.sort((a, b) => a.title.localeCompare(b.title)));
    })().catch(() => {
      // Titles are a nicety: without them the column says "Unknown prompt" and filtering by link still works.
    });
    return () => controller.abort();
  }, []);
  const titles = useMemo(() => new Map(prompts.map((p) => [p.id, p.title])), [prompts]);
  return { prompts, titles };
}
