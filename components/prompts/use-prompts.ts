'use client';

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { NewPromptBody, Page, Prompt, PromptListItem } from '@/lib/client/types';
import { promptKey } from './use-prompt';

export type PromptFilters = { q: string; tag: string | null };

const PAGE_SIZE = 24;
export const PROMPTS_PATH = '/api/v1/prompts';
export const promptsKey = (filters: PromptFilters) => [PROMPTS_PATH, filters] as const;
export const tagsKey = ['/api/v1/tags'] as const;

/** The workspace's prompts for a search and tag, newest-updated first, a page at a time. */
export function usePrompts(filters: PromptFilters) {
  return useInfiniteQuery({
    queryKey: promptsKey(filters),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (filters.q) params.set('q', filters.q);
      if (filters.tag) params.set('tag', filters.tag);
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<PromptListItem>>(`${PROMPTS_PATH}?${params}`, { signal });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A new search keeps showing the previous results until its own arrive.
    placeholderData: keepPreviousData,
  });
}

/** Every tag used by the workspace's prompts, for the tag filter. */
export function useTags() {
  return useQuery({ queryKey: tagsKey, queryFn: ({ signal }) => apiFetch<string[]>(tagsKey[0], { signal }) });
}

export function useCreatePrompt() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPromptBody) => apiFetch<Prompt>(PROMPTS_PATH, { method: 'POST', body }),
    onSuccess: (prompt) => {
      client.setQueryData(promptKey(prompt.id), prompt);
      void client.invalidateQueries({ queryKey: [PROMPTS_PATH] });
      void client.invalidateQueries({ queryKey: tagsKey });
    },
  });
}
