'use client';

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { Prompt, UpdatePromptBody } from '@/lib/client/types';

export const promptPath = (promptId: string) => `/api/v1/prompts/${encodeURIComponent(promptId)}`;
export const promptKey = (promptId: string) => [promptPath(promptId)] as const;

// Literal paths: importing the list module here would make the two files import each other.
const listKey = ['/api/v1/prompts'] as const;
const tagsKey = ['/api/v1/tags'] as const;

export const promptQuery = (promptId: string) =>
  queryOptions({ queryKey: promptKey(promptId), queryFn: ({ signal }) => apiFetch<Prompt>(promptPath(promptId), { signal }) });

/** One prompt with its current version. */
export function usePrompt(promptId: string) {
  return useQuery(promptQuery(promptId));
}

/** The prompt as the patch will leave it, shown before the server answers. */
export function patchedPrompt(prompt: Prompt, patch: UpdatePromptBody): Prompt {
  const tags = patch.tags && [...new Set(patch.tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  return {
    ...prompt,
    ...(patch.title !== undefined && { title: patch.title.trim() }),
    ...(patch.slug !== undefined && { slug: patch.slug.trim() }),
    ...(patch.description !== undefined && { description: patch.description }),
    ...(tags && { tags }),
  };
}

/** Edits title, slug, description or tags; the header shows the change at once and rolls back if refused. */
export function useUpdatePrompt(promptId: string) {
  const client = useQueryClient();
  const key = promptKey(promptId);
  return useMutation({
    mutationFn: (patch: UpdatePromptBody) => apiFetch<Prompt>(promptPath(promptId), { method: 'PATCH', body: patch }),
    onMutate: async (patch) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Prompt>(key);
      if (previous) client.setQueryData(key, patchedPrompt(previous, patch));
      return { previous };
    },
    onError: (_error, _patch, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
    },
    onSuccess: (prompt) => client.setQueryData(key, prompt),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: listKey });
      void client.invalidateQueries({ queryKey: tagsKey });
    },
  });
}

export function useDeletePrompt(promptId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ id: string; deleted: true }>(promptPath(promptId), { method: 'DELETE' }),
    onSuccess: () => {
      // Not refetched now (the page is leaving), but never served as fresh again.
      void client.invalidateQueries({ queryKey: promptKey(promptId), refetchType: 'none' });
      void client.invalidateQueries({ queryKey: listKey });
      void client.invalidateQueries({ queryKey: tagsKey });
    },
  });
}
