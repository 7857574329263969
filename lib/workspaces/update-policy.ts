import 'server-only';
import { updateWorkspacePolicy, type WorkspacePolicy } from '@/db/queries/workspaces';
import { forgetWorkspaceCallers } from '../auth/caller-cache';

/** Sets the spend cap and/or model allowlist; the workspace's cached callers carry the old ones, so they go. */
export async function saveWorkspacePolicy({ workspaceId, policy }: { workspaceId: string; policy: Partial<WorkspacePolicy> }) {
  try {
    return await updateWorkspacePolicy({ workspaceId, policy });
  } finally {
    forgetWorkspaceCallers(workspaceId);
  }
}
