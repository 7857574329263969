import { z } from 'zod';
import { LOCAL_PROVIDER_ID, PROVIDER_CATALOG } from './catalog';

// The request schemas of the providers routes, apart from credentials.ts (server-only) so the OpenAPI document can use them.

// Labels become the `provider` of versions and runs and appear in `provider/model` allowlist ids: no slashes.
const providerLabelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .max(50, 'must be at most 50 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use letters, digits, `.`, `_` or `-` (starting with a letter or digit)');

const providerApiKeySchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(1000, 'is too long')
  .regex(/^\S+$/, 'must not contain spaces');

const providerBaseUrlSchema = z
  .string()
  .trim()
  .max(2000, 'is too long')
  .pipe(z.url({ protocol: /^https?$/, message: 'must be a full http(s) URL such as https://api.example.com/v1' }));

const savableIds = PROVIDER_CATALOG.map((e) => e.id).filter((id) => id !== LOCAL_PROVIDER_ID) as [string, ...string[]];

export const newProviderCredentialSchema = z.strictObject({
  provider: z.enum(savableIds, { message: `must be one of ${savableIds.join(', ')}` }),
  label: providerLabelSchema.optional(),
  apiKey: providerApiKeySchema.optional(),
  baseUrl: providerBaseUrlSchema.optional(),
});

export const providerCredentialPatchSchema = z.strictObject({
  label: providerLabelSchema.optional(),
  /** null removes the key. */
  apiKey: providerApiKeySchema.nullable().optional(),
  /** null removes the base URL. */
  baseUrl: providerBaseUrlSchema.nullable().optional(),
});

export const testConnectionSchema = z.strictObject({
  provider: z.string().trim().min(1, 'is required').max(50),
  apiKey: providerApiKeySchema.optional(),
  baseUrl: providerBaseUrlSchema.optional(),
});
