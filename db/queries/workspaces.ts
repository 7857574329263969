import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import { getDb } from '../client';
import { workspaceMembers, workspaces, type MemberRole, type Workspace } from '../schema';

export type WorkspaceWithRole = Workspace & { role: MemberRole };

/** Creates the user's personal workspace unless they already have one. Safe to call on every sign-in. */
export async function ensurePersonalWorkspace({ userId, name }: { userId: string; name?: string | null }): Promise<WorkspaceWithRole> {
  const existing = await getPersonalWorkspace({ userId });
  if (existing) return existing;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: name ? `${name}'s workspace` : 'Personal workspace', personal: true })
      .returning();
    if (!workspace) throw new Error('insert returned no workspace');
    await tx.insert(workspaceMembers).values({ workspaceId: workspace.id, userId, role: 'owner' });
    return { ...workspace, role: 'owner' as const };
  });
}

export async function getPersonalWorkspace({ userId }: { userId: string }): Promise<WorkspaceWithRole | null> {
  const db = await getDb();
  const [row] = await db
    .select({ workspace: workspaces, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(and(eq(workspaceMembers.userId, userId), eq(workspaces.personal, true)))
    .orderBy(asc(workspaces.createdAt))
    .limit(1);
  return row ? { ...row.workspace, role: row.role } : null;
}

/** The workspace a signed-in user acts in: their personal one, else their most recent membership. */
export async function getDefaultWorkspaceForUser({ userId }: { userId: string }): Promise<WorkspaceWithRole | null> {
  const db = await getDb();
  const [row] = await db
    .select({ workspace: workspaces, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(desc(workspaces.personal), asc(workspaces.createdAt))
    .limit(1);
  return row ? { ...row.workspace, role: row.role } : null;
}

export type WorkspacePolicy = { monthlyBudgetUsd: number | null; modelAllowlist: string[] | null };

/** The workspace's spend cap and allowlist (for work that has no caller to read them from: an experiment's judge). */
export async function getWorkspacePolicy({ workspaceId }: { workspaceId: string }): Promise<WorkspacePolicy | null> {
  const db = await getDb();
  const [row] = await db
    .select({ monthlyBudgetUsd: workspaces.monthlyBudgetUsd, modelAllowlist: workspaces.modelAllowlist })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row ?? null;
}

export async function updateWorkspacePolicy({ workspaceId, policy }: { workspaceId: string; policy: Partial<WorkspacePolicy> }) {
  const db = await getDb();
  const [row] = await db
    .update(workspaces)
    .set({ ...policy, updatedAt: new Date() })
    .where(eq(workspaces.id, workspaceId))
    .returning({ monthlyBudgetUsd: workspaces.monthlyBudgetUsd, modelAllowlist: workspaces.modelAllowlist });
  return row ?? null;
}
