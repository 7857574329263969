'use client';

import { useQuery } from '@tanstack/react-query';
import { promptPath } from '@/components/prompts/use-prompt';
import { apiFetch } from '@/lib/client/api';
import type { VersionDiff } from '@/lib/diff/version-diff';

export type CompareRange = { from: number; to: number };
export type DiffResponse = VersionDiff & CompareRange;

export const versionDiffKey = (promptId: string, range: CompareRange) => [`${promptPath(promptId)}/diff`, range] as const;

/** Two saved versions never change, so a comparison once loaded is kept. */
export function useVersionDiff(promptId: string, range: CompareRange) {
  return useQuery({
    queryKey: versionDiffKey(promptId, range),
    queryFn: ({ signal }) => apiFetch<DiffResponse>(`${promptPath(promptId)}/diff?from=${range.from}&to=${range.to}`, { signal }),
    staleTime: Infinity,
  });
}
