import { z } from 'zod';
import { getMonthSpendUsd } from '@/db/queries/runs';
import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { saveWorkspacePolicy } from '@/lib/workspaces/update-policy';

const policySchema = z
  .strictObject({
    monthlyBudgetUsd: z.number().nonnegative().max(1_000_000_000).nullable().optional(),
    modelAllowlist: z
      .array(z.string().trim().regex(/^[^/\s]+\/\S+$/, 'entries look like `provider/model`, e.g. `openai/gpt-4o-mini`'))
      .max(200)
      .nullable()
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'send `monthlyBudgetUsd` and/or `modelAllowlist` (null clears one)');

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
    const input = await readJson(req, policySchema);
    const allowlist = input.modelAllowlist === undefined ? undefined : input.modelAllowlist && [...new Set(input.modelAllowlist)];
    return ok(await saveWorkspacePolicy({ workspaceId: workspace.id, policy: { ...input, modelAllowlist: allowlist } }));
  },
  { minRole: 'admin' },
);
