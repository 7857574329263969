'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import { shouldRetry } from '@/lib/client/query-client';
import type { DraftBody, PromptDraft } from '@/lib/client/types';
import { DraftSaveQueue, type SaveQueueState } from './draft-save-queue';
import { promptPath } from './use-prompt';

const RETRY_MS = 5_000;

export const draftKey = (promptId: string) => [`${promptPath(promptId)}/draft`] as const;

/** The caller's saved draft of the prompt, or null; read once per page load, to offer it back. */
export function useServerDraft(promptId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: draftKey(promptId),
    queryFn: ({ signal }) => apiFetch<PromptDraft | null>(draftKey(promptId)[0], { signal }),
    enabled: options.enabled ?? true,
    // The offer is made from the state at load; what this page saves later is written into the cache below.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

// One queue per prompt and query client, so "Discard" can drop what the autosave still holds.
const queues = new WeakMap<QueryClient, Map<string, DraftSaveQueue<DraftBody>>>();

function draftQueue(client: QueryClient, promptId: string): DraftSaveQueue<DraftBody> {
  let byPrompt = queues.get(client);
  if (!byPrompt) queues.set(client, (byPrompt = new Map()));
  let queue = byPrompt.get(promptId);
  if (!queue) {
    const send = async (body: DraftBody) => {
      const saved = await apiFetch<{ updatedAt: string }>(draftKey(promptId)[0], { method: 'PUT', body });
      const draft: PromptDraft = { content: body.content, baseVersionNumber: body.baseVersionNumber ?? null, updatedAt: saved.updatedAt };
      client.setQueryData(draftKey(promptId), draft);
      return saved;
    };
    // A refused draft (too large, rate limited) is not retried as is; a network failure or 5xx is.
    queue = new DraftSaveQueue(send, { delayMs: 1_000, retryMs: RETRY_MS, retryable: (error) => shouldRetry(0, error) });
    byPrompt.set(promptId, queue);
  }
  return queue;
}

export type DraftSaver = SaveQueueState & {
  /** Queues the editor's state; sent after `debounceMs` of quiet, latest wins, one write in flight at most. */
  save: (body: DraftBody) => void;
  /** Sends what is queued now (done by itself when the tab is hidden and on unmount). */
  flush: () => Promise<void>;
  /** Drops what is queued and not yet sent. */
  cancel: () => void;
};

/**
 * Autosave of the editor's draft. Not a plain useMutation: keystrokes must coalesce into the latest body and
 * never pile up overlapping PUTs, which DraftSaveQueue does.
 */
export function useSaveServerDraft(promptId: string, options: { debounceMs?: number } = {}): DraftSaver {
  const queue = draftQueue(useQueryClient(), promptId);
  const debounceMs = options.debounceMs ?? 1_000;
  const state = useSyncExternalStore(queue.subscribe, queue.getState, queue.getState);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void queue.flush();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      void queue.flush();
    };
  }, [queue]);

  return { ...state, save: (body) => queue.save(body, debounceMs), flush: () => queue.flush(), cancel: () => queue.cancel() };
}

/** Deletes the draft (after a save, or "Discard"): drops the queued autosave and waits out the one in flight first. */
export function useDiscardServerDraft(promptId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const queue = draftQueue(client, promptId);
      queue.cancel();
      await queue.idle();
      await apiFetch<{ deleted: true }>(draftKey(promptId)[0], { method: 'DELETE' });
    },
    onSuccess: () => client.setQueryData(draftKey(promptId), null),
  });
}
