'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { WorkspaceSettings } from '@/lib/client/types';

const WORKSPACE_PATH = '/api/v1/workspace';
const workspaceKey = [WORKSPACE_PATH] as const;

export type PolicyBody = Partial<Pick<WorkspaceSettings, 'monthlyBudgetUsd' | 'modelAllowlist'>>;

/** The workspace, its spend cap and model allowlist, and this month's spend. */
export function useWorkspaceSettings() {
  return useQuery({ queryKey: workspaceKey, queryFn: ({ signal }) => apiFetch<WorkspaceSettings>(WORKSPACE_PATH, { signal }) });
}

export function useUpdatePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PolicyBody) => apiFetch<Pick<WorkspaceSettings, 'monthlyBudgetUsd' | 'modelAllowlist'>>(WORKSPACE_PATH, { method: 'PATCH', body }),
    onSuccess: (saved) => client.setQueryData<WorkspaceSettings>(workspaceKey, (prev) => prev && { ...prev, ...saved }),
  });
}
