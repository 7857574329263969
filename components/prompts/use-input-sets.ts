'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { InputSet, InputSetBody } from '@/lib/client/types';
import { promptPath } from './use-prompt';

export const inputSetsKey = (promptId: string) => [`${promptPath(promptId)}/input-sets`] as const;

const byName = (a: InputSet, b: InputSet) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The prompt's saved sets of variable values (at most 100), by name. */
export function useInputSets(promptId: string) {
  return useQuery({
    queryKey: inputSetsKey(promptId),
    queryFn: ({ signal }) => apiFetch<InputSet[]>(inputSetsKey(promptId)[0], { signal }),
  });
}

/** Saves by name: a set of the same name is replaced (same id), else a new one is added. */
export function useSaveInputSet(promptId: string) {
  const client = useQueryClient();
  const key = inputSetsKey(promptId);
  return useMutation({
    mutationFn: (body: InputSetBody) => apiFetch<InputSet>(key[0], { method: 'POST', body }),
    onSuccess: (saved) => {
      client.setQueryData<InputSet[]>(key, (sets) => sets && [...sets.filter((s) => s.id !== saved.id), saved].sort(byName));
      void client.invalidateQueries({ queryKey: key });
    },
  });
}

/** Deletes one set; it leaves the list at once and comes back if the server refuses. */
export function useDeleteInputSet(promptId: string) {
  const client = useQueryClient();
  const key = inputSetsKey(promptId);
  return useMutation({
    mutationFn: (setId: string) => apiFetch<{ id: string; deleted: true }>(`${key[0]}/${encodeURIComponent(setId)}`, { method: 'DELETE' }),
    onMutate: async (setId) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<InputSet[]>(key);
      if (previous) client.setQueryData(key, previous.filter((s) => s.id !== setId));
      return { previous };
    },
    onError: (_error, _setId, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });
}
