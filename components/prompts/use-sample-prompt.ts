'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { Prompt } from '@/lib/client/types';
import { promptKey } from './use-prompt';
import { PROMPTS_PATH, tagsKey } from './use-prompts';

/** Makes the workspace's sample prompt (or finds the one made before) and caches it for the editor. */
export function useCreateSamplePrompt() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<Prompt>(`${PROMPTS_PATH}/sample`, { method: 'POST' }),
    onSuccess: (prompt) => {
      client.setQueryData(promptKey(prompt.id), prompt);
      void client.invalidateQueries({ queryKey: [PROMPTS_PATH] });
      void client.invalidateQueries({ queryKey: tagsKey });
    },
  });
}
