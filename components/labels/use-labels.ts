'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { promptPath } from '@/components/prompts/use-prompt';
import { apiFetch } from '@/lib/client/api';
import type { Page, WorkspaceSettings } from '@/lib/client/types';
import type { DeleteLabelResult, DeploymentView, LabelStats, LabelView, MoveLabelBody, MoveLabelResult, RollbackLabelResult } from './label-types';

const DEPLOYMENTS_PAGE = 20;

export const labelsKey = (promptId: string) => [`${promptPath(promptId)}/labels`] as const;
const labelPath = (promptId: string, label: string) => `${labelsKey(promptId)[0]}/${encodeURIComponent(label)}`;
export const deploymentsKey = (promptId: string, label?: string) => [`${promptPath(promptId)}/deployments`, { label: label ?? null }] as const;
export const labelStatsKey = (promptId: string, label: string, days: number) => [`${labelPath(promptId, label)}/stats`, { days }] as const;

/** A prompt's labels, `latest` included as a virtual entry. */
export function useLabels(promptId: string, enabled = true) {
  return useQuery({
    queryKey: labelsKey(promptId),
    queryFn: ({ signal }) => apiFetch<LabelView[]>(labelsKey(promptId)[0], { signal }),
    enabled,
  });
}

/** The deployment history, newest first, optionally of one label. */
export function useDeployments(promptId: string, label?: string) {
  return useInfiniteQuery({
    queryKey: deploymentsKey(promptId, label),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(DEPLOYMENTS_PAGE) });
      if (label) params.set('label', label);
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<DeploymentView>>(`${deploymentsKey(promptId)[0]}?${params}`, { signal });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Runs, errors, latency, cost and experiment score of each version a split label serves. */
export function useLabelStats(promptId: string, label: string, days = 30) {
  return useQuery({
    queryKey: labelStatsKey(promptId, label, days),
    queryFn: ({ signal }) => apiFetch<LabelStats>(`${labelStatsKey(promptId, label, days)[0]}?days=${days}`, { signal }),
  });
}

/** Everything a label change makes stale: the labels, every deployment list and the split stats of this prompt. */
function forgetLabels(client: QueryClient, promptId: string) {
  const base = promptPath(promptId);
  void client.invalidateQueries({
    predicate: (q) => typeof q.queryKey[0] === 'string' && (q.queryKey[0].startsWith(`${base}/labels`) || q.queryKey[0] === `${base}/deployments`),
  });
}

export function useMoveLabel(promptId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ label, body }: { label: string; body: MoveLabelBody }) =>
      apiFetch<MoveLabelResult>(labelPath(promptId, label), { method: 'PUT', body }),
    onSettled: () => forgetLabels(client, promptId),
  });
}

export function useRollbackLabel(promptId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ label, note }: { label: string; note?: string }) =>
      apiFetch<RollbackLabelResult>(`${labelPath(promptId, label)}/rollback`, { method: 'POST', body: note ? { note } : {} }),
    onSettled: () => forgetLabels(client, promptId),
  });
}

export function useDeleteLabel(promptId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (label: string) => apiFetch<DeleteLabelResult>(labelPath(promptId, label), { method: 'DELETE' }),
    onSettled: () => forgetLabels(client, promptId),
  });
}

/** The caller's role here (same query as Settings): the UI hides what the server would refuse. */
export function useWorkspaceRole() {
  const query = useQuery({
    queryKey: ['/api/v1/workspace'],
    queryFn: ({ signal }) => apiFetch<WorkspaceSettings>('/api/v1/workspace', { signal }),
    staleTime: 60_000,
  });
  const role = query.data?.role ?? null;
  return { role, canDeploy: role !== null && role !== 'viewer', isAdmin: role === 'owner' || role === 'admin' };
}
