'use client';

import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiClientError, apiFetch } from '@/lib/client/api';
import type { NewVersionBody, Page, Prompt, Version, VersionSummary } from '@/lib/client/types';
import { promptKey, promptPath } from './use-prompt';

const PAGE_SIZE = 50;

export const versionsKey = (promptId: string) => [`${promptPath(promptId)}/versions`] as const;
export const versionKey = (promptId: string, versionNumber: number) => [`${promptPath(promptId)}/versions/${versionNumber}`] as const;

/** The version history, newest first, a page of summaries at a time (no templates). */
export function useVersions(promptId: string) {
  return useInfiniteQuery({
    queryKey: versionsKey(promptId),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<VersionSummary>>(`${versionsKey(promptId)[0]}?${params}`, { signal });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** One version in full. Versions are immutable, so once loaded it never needs fetching again. */
export const versionQuery = (promptId: string, versionNumber: number) =>
  queryOptions({
    queryKey: versionKey(promptId, versionNumber),
    queryFn: ({ signal }) => apiFetch<Version>(versionKey(promptId, versionNumber)[0], { signal }),
    staleTime: Infinity,
  });

export function useVersion(promptId: string, versionNumber: number | null) {
  return useQuery({ ...versionQuery(promptId, versionNumber ?? 0), enabled: versionNumber !== null });
}

/** A new current version: cached in full, made current on the prompt, and the history and lists refreshed. */
function adoptVersion(client: QueryClient, promptId: string, version: Version) {
  client.setQueryData(versionKey(promptId, version.versionNumber), version);
  client.setQueryData<Prompt>(promptKey(promptId), (prompt) =>
    prompt && { ...prompt, currentVersion: version, versionCount: Math.max(prompt.versionCount, version.versionNumber) },
  );
  void client.invalidateQueries({ queryKey: versionsKey(promptId) });
  void client.invalidateQueries({ queryKey: promptKey(promptId) });
  void client.invalidateQueries({ queryKey: ['/api/v1/prompts'] });
}

/** Saves the draft as a new version; `baseVersionNumber` names the version it started from (stale: 409). */
export function useSaveVersion(promptId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewVersionBody) => apiFetch<Version>(versionsKey(promptId)[0], { method: 'POST', body }),
    onSuccess: (version) => adoptVersion(client, promptId, version),
    // Refused on a stale base: the version saved meanwhile shows up in the history.
    onError: (error) => {
      if (!(error instanceof ApiClientError) || error.code !== 'CONFLICT') return;
      void client.invalidateQueries({ queryKey: promptKey(promptId) });
      void client.invalidateQueries({ queryKey: versionsKey(promptId) });
    },
  });
}

export function useRestoreVersion(promptId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (versionNumber: number) => apiFetch<Version>(`${promptPath(promptId)}/restore`, { method: 'POST', body: { versionNumber } }),
    onSuccess: (version) => adoptVersion(client, promptId, version),
  });
}
