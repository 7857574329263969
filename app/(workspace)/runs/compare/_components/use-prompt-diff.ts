'use client';

import { skipToken, useQuery } from '@tanstack/react-query';
import { promptPath } from '@/components/prompts/use-prompt';
import { apiFetch } from '@/lib/client/api';
import type { VersionDiff } from '@/lib/diff/version-diff';

type Range = { from: number; to: number };
type DiffResponse = VersionDiff & Range;

/** GET /prompts/{id}/diff?from&to: two saved versions never change, so an answer once loaded is kept. */
export function usePromptDiff(promptId: string, range: Range | null) {
  return useQuery({
    // The editor's diff dialog reads the same key, so either can reuse the other's answer.
    queryKey: [`${promptPath(promptId)}/diff`, range] as const,
    queryFn: range
      ? ({ signal }) => apiFetch<DiffResponse>(`${promptPath(promptId)}/diff?from=${range.from}&to=${range.to}`, { signal })
      : skipToken,
    staleTime: Infinity,
  });
}
