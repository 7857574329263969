import { z } from 'zod';

/** PATCH /api/v1/workspace: admins set the spend cap and the model allowlist; null clears one. */
export const workspacePolicySchema = z
  .strictObject({
    monthlyBudgetUsd: z.number().nonnegative().max(1_000_000_000).nullable().optional(),
    modelAllowlist: z
      .array(z.string().trim().regex(/^[^/\s]+\/\S+$/, 'entries look like `provider/model`, e.g. `openai/gpt-4o-mini`'))
      .max(200)
      .nullable()
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'send `monthlyBudgetUsd` and/or `modelAllowlist` (null clears one)');
