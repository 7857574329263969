import { z } from 'zod';
import type { ProviderCredentialSummary } from '@/db/queries/provider-credentials';
import type { CatalogEntry } from '@/lib/providers/catalog';
import type { ProviderModels } from '@/lib/providers/provider-models';
import type { AvailableProvider } from '@/lib/providers/resolve';
import { describes, isoDate, uuid } from './shared';

const kind = z.enum(['openai', 'anthropic', 'openai-compatible', 'local']);

export const credentialSummarySchema = describes<ProviderCredentialSummary>()(
  z
    .object({
      id: uuid,
      provider: z.string(),
      label: z.string().meta({ description: 'What prompt versions and runs name as their `provider`' }),
      baseUrl: z.string().nullable(),
      keyLast4: z.string().nullable().meta({ description: 'The key is never returned; its last four characters (empty for short keys)' }),
      createdAt: isoDate,
      updatedAt: isoDate,
    })
    .meta({ id: 'ProviderCredential' }),
);

const availableSchema = describes<AvailableProvider>()(
  z
    .object({
      id: z.string(),
      label: z.string(),
      kind,
      source: z.enum(['builtin', 'instance', 'workspace']),
      models: z.array(z.string()),
      ignoredParams: z.array(z.enum(['temperature', 'maxTokens', 'topP', 'stop', 'responseSchema', 'tools'])),
    })
    .meta({ id: 'AvailableProvider' }),
);

const catalogEntrySchema = describes<CatalogEntry>()(
  z
    .object({
      id: z.string(),
      label: z.string(),
      kind,
      apiKey: z.enum(['required', 'optional', 'none']),
      baseUrl: z.enum(['required', 'optional', 'none']),
      baseUrlPlaceholder: z.string().optional(),
      defaultBaseUrl: z.string().optional(),
      envVar: z.string().optional(),
      models: z.array(z.string()),
    })
    .meta({ id: 'ProviderCatalogEntry' }),
);

export const providersSchema = z
  .object({ available: z.array(availableSchema), credentials: z.array(credentialSummarySchema), catalog: z.array(catalogEntrySchema) })
  .meta({ id: 'Providers' });

export const providerModelsSchema = describes<ProviderModels>()(z.object({ provider: z.string(), models: z.array(z.string()) }).meta({ id: 'ProviderModels' }));

export const connectionTestSchema = z.object({ ok: z.literal(true), models: z.array(z.string()) }).meta({ id: 'ConnectionTest' });
