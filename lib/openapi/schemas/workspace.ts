import { z } from 'zod';
import type { ApiKeyListItem } from '@/lib/auth/api-key-access';
import type { ApiKeySummary } from '@/db/queries/api-keys';
import type { PriceView } from '@/lib/llm/workspace-prices';
import type { WorkspacePolicy } from '@/db/queries/workspaces';
import { describes, isoDate, uuid } from './shared';

export const memberRoleView = z.enum(['owner', 'admin', 'editor', 'viewer']).meta({ id: 'MemberRole' });

export const meSchema = z
  .object({
    user: z.object({ id: uuid, email: z.string().nullable(), name: z.string().nullable(), instanceRole: z.enum(['owner', 'member']) }),
    workspace: z.object({ id: uuid, name: z.string(), role: memberRoleView }),
    via: z.enum(['session', 'api_key']).meta({ description: 'How the caller authenticated' }),
  })
  .meta({ id: 'Me' });

const policyFields = {
  monthlyBudgetUsd: z.number().nullable().meta({ description: 'Runs stop with BUDGET_EXCEEDED once the month reaches it' }),
  modelAllowlist: z.array(z.string()).nullable().meta({ description: 'When set, only these `provider/model` ids may run' }),
};

export const workspaceSchema = z
  .object({ id: uuid, name: z.string(), role: memberRoleView, ...policyFields, monthSpendUsd: z.number() })
  .meta({ id: 'WorkspaceView' });

export const workspacePolicyView = describes<WorkspacePolicy>()(z.object(policyFields).meta({ id: 'WorkspacePolicy' }));

export const priceViewSchema = describes<PriceView>()(
  z
    .object({
      id: uuid,
      provider: z.string(),
      model: z.string(),
      effectiveFrom: isoDate,
      inputPerMTok: z.number().meta({ description: 'USD per million input tokens' }),
      outputPerMTok: z.number(),
      cachedInputPerMTok: z.number().nullable().meta({ description: 'Cache reads; null means billed at the input price' }),
      cacheWritePerMTok: z.number().nullable().meta({ description: 'Cache writes (Anthropic: 5-minute); null means billed at the input price' }),
      cacheWrite1hPerMTok: z.number().nullable().meta({ description: "Anthropic's 1-hour cache writes; null means billed at cacheWritePerMTok" }),
      createdAt: isoDate,
    })
    .meta({ id: 'WorkspacePrice' }),
);

export const apiKeySummarySchema = describes<ApiKeySummary>()(
  z
    .object({
      id: uuid,
      name: z.string(),
      prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart' }),
      lastUsedAt: isoDate.nullable(),
      createdAt: isoDate,
      revokedAt: isoDate.nullable(),
    })
    .meta({ id: 'ApiKeySummary' }),
);

export const apiKeyListItemSchema = describes<ApiKeyListItem>()(
  apiKeySummarySchema
    .extend({ owner: z.object({ id: uuid, name: z.string().nullable(), email: z.string().nullable() }), canRevoke: z.boolean() })
    .meta({ id: 'ApiKeyListItem' }),
);

export const createdApiKeySchema = describes<ApiKeyListItem & { key: string }>()(
  apiKeyListItemSchema.extend({ key: z.string().meta({ description: 'The secret: shown in this answer only' }) }).meta({ id: 'CreatedApiKey' }),
);
