import { getMonthSpendUsd } from '@/db/queries/runs';
import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { workspacePolicySchema } from '@/lib/workspaces/policy-schema';
import { saveWorkspacePolicy } from '@/lib/workspaces/update-policy';

// GET /api/v1/workspace – the workspace, its policies and this month's spend
export const GET = withWorkspace(async ({ workspace }) =>
  ok({
    id: workspace.id,
    name: workspace.name,
    role: workspace.role,
    monthlyBudgetUsd: workspace.monthlyBudgetUsd,
    modelAllowlist: workspace.modelAllowlist,
    monthSpendUsd: await getMonthSpendUsd({ workspaceId: workspace.id }),
  }),
);

// PATCH /api/v1/workspace { monthlyBudgetUsd?, modelAllowlist? } – admins set the spend cap and the model allowlist
export const PATCH = withWorkspace(
  async ({ req, workspace }) => {
    const input = await readJson(req, workspacePolicySchema);
    const allowlist = input.modelAllowlist === undefined ? undefined : input.modelAllowlist && [...new Set(input.modelAllowlist)];
    return ok(await saveWorkspacePolicy({ workspaceId: workspace.id, policy: { ...input, modelAllowlist: allowlist } }));
  },
  { minRole: 'admin' },
);
