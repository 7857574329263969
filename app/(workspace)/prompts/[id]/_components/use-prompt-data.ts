'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { toast } from '@/components/ui/toaster';
import { apiFetch } from '@/lib/client/api';
import type { Prompt, Version } from '@/lib/client/types';

export type PromptData = { prompt: Prompt; versions: Version[] };
type State = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; data: PromptData };

export const promptPath = (promptId: string) => `/api/v1/prompts/${encodeURIComponent(promptId)}`;

/** Loads the prompt and its history through the JSON API; `reload` refreshes without flashing a skeleton. */
export function usePromptData(promptId: string) {
  const [state, setState] = useState<State>({ status: 'loading' });
  // Only the newest reload may write, so a slow response can't overwrite a fresher one.
  const latest = useRef(0);

  const fetchAll = useCallback(
    async (signal?: AbortSignal): Promise<PromptData> => {
      const [prompt, versions] = await Promise.all([
        apiFetch<Prompt>(promptPath(promptId), { signal }),
        apiFetch<Version[]>(`${promptPath(promptId)}/versions`, { signal }),
      ]);
      return { prompt, versions };
    },
    [promptId],
  );

  useEffect(() => {
    const controller = new AbortController();
    const request = ++latest.current;
    fetchAll(controller.signal).then(
      (data) => {
        if (request === latest.current) setState({ status: 'ready', data });
      },
      (error: Error) => {
        if (!controller.signal.aborted && request === latest.current) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [fetchAll]);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    try {
      const data = await fetchAll();
      if (request === latest.current) setState({ status: 'ready', data });
    } catch (error) {
      if (request === latest.current) {
        toast({ title: 'Could not refresh the prompt', description: (error as Error).message, variant: 'error' });
      }
    }
  }, [fetchAll]);

  const retry = useCallback(async () => {
    setState({ status: 'loading' });
    const request = ++latest.current;
    try {
      const data = await fetchAll();
      if (request === latest.current) setState({ status: 'ready', data });
    } catch (error) {
      if (request === latest.current) setState({ status: 'error', error: error as Error });
    }
  }, [fetchAll]);

  /** Applies a server response (a saved version, edited details) right away, before the reload lands. */
  const update = useCallback((fn: (data: PromptData) => PromptData) => {
    latest.current++;
    setState((prev) => (prev.status === 'ready' ? { status: 'ready', data: fn(prev.data) } : prev));
  }, []);

  return { state, reload, retry, update };
}

/** Puts a freshly created version at the top of the history and makes it current. */
export function withNewVersion(data: PromptData, version: Version): PromptData {
  return {
    prompt: { ...data.prompt, currentVersion: version, versionCount: Math.max(data.prompt.versionCount, version.versionNumber) },
    versions: [version, ...data.versions.filter((v) => v.versionNumber !== version.versionNumber)],
  };
}
