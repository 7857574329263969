import 'server-only';
import { listProviderCredentials } from '@/db/queries/provider-credentials';
import type { ProviderCredential } from '@/db/schema';
import { ApiError } from '../api/errors';
import { decryptSecret, SecretBoxError } from '../crypto/secret-box';
import { env } from '../env';
import { ANTHROPIC_IGNORED_PARAMS } from '../llm/anthropic-provider';
import type { GenerationParams, ProviderConfig, ProviderKind } from '../llm/types';
import { getSavedCredential } from './credential-cache';
import { CATALOG_PROVIDER_IDS, CUSTOM_PROVIDER_ID, getCatalogEntry, LOCAL_PROVIDER_ID, PROVIDER_CATALOG, type CatalogEntry } from './catalog';

export type AvailableProvider = {
  /** What a prompt version or a run names as its `provider`. */
  id: string;
  label: string;
  kind: ProviderKind;
  source: 'builtin' | 'instance' | 'workspace';
  models: string[];
  /** Generation params this provider does not send (Anthropic: temperature, top-p), so a UI can say so. */
  ignoredParams: (keyof GenerationParams)[];
};

const SETTINGS_PATH = 'Settings → Model providers';

/** The instance-wide settings for a catalogue id, or null when the operator configured none. */
function instanceSettings(id: string): { apiKey?: string; baseURL?: string } | null {
  const providers = env().providers;
  const settings: { apiKey?: string; baseURL?: string } | undefined = (providers as Record<string, { apiKey?: string; baseURL?: string }>)[id];
  const entry = getCatalogEntry(id);
  if (!settings || !entry) return null;
  const complete = (entry.apiKey !== 'required' || settings.apiKey) && (entry.baseUrl !== 'required' || settings.baseURL);
  return complete ? settings : null;
}

function notConfigured(entry: CatalogEntry): ApiError {
  const what = entry.apiKey === 'required' ? 'add a key' : 'add a base URL';
  const envHint = entry.envVar ? `, or set ${entry.envVar}` : '';
  return new ApiError('INVALID_INPUT', `provider \`${entry.id}\` is not configured: ${what} in ${SETTINGS_PATH}${envHint}`, {
    details: { reason: 'PROVIDER_NOT_CONFIGURED' },
  });
}

async function unknownProvider(workspaceId: string, provider: string): Promise<ApiError> {
  const custom = (await listProviderCredentials({ workspaceId })).map((c) => c.label).filter((l) => !getCatalogEntry(l));
  const ids = [...CATALOG_PROVIDER_IDS, ...custom].map((id) => `\`${id}\``).join(', ');
  return new ApiError('INVALID_INPUT', `unknown provider \`${provider}\`: use one of ${ids}, or save a custom endpoint in ${SETTINGS_PATH}`, {
    details: { reason: 'PROVIDER_NOT_CONFIGURED' },
  });
}

/**
 * Builds the config a saved credential stands for. Its base URL was checked when saved; the guarded fetch checks
 * the address it actually connects to, so a setting or DNS answer that changed is refused there, while a DNS blip
 * stays a retryable network error instead of failing the run for good.
 */
export async function configFromCredential(credential: ProviderCredential): Promise<ProviderConfig> {
  const entry = getCatalogEntry(credential.provider) ?? getCatalogEntry(CUSTOM_PROVIDER_ID)!;
  let apiKey: string | undefined;
  if (credential.encryptedKey) {
    try {
      apiKey = decryptSecret(credential.encryptedKey);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      throw new ApiError(
        'INVALID_INPUT',
        `the saved key for \`${credential.label}\` cannot be decrypted (was ENCRYPTION_KEY changed?): save the key again in ${SETTINGS_PATH}`,
        { details: { reason: 'CREDENTIAL_UNREADABLE' } },
      );
    }
  }
  return compact({
    kind: entry.kind,
    apiKey,
    baseURL: credential.baseUrl ?? undefined,
    // Presets are found by their id; a custom endpoint is reported under the label the workspace gave it.
    label: entry.id === CUSTOM_PROVIDER_ID ? credential.label : entry.id,
  });
}

/**
 * The settings to build a provider with. `provider` is a catalogue id (`openai`, `groq`, …) or the label of an
 * endpoint saved in the workspace; a workspace credential labelled like a catalogue id overrides the instance
 * settings for it. Throws a 422 INVALID_INPUT naming what to configure.
 */
export async function resolveProviderConfig({ workspaceId, provider }: { workspaceId: string; provider: string }): Promise<ProviderConfig> {
  if (provider === LOCAL_PROVIDER_ID) return { kind: 'local', label: LOCAL_PROVIDER_ID };
  const credential = await getSavedCredential({ workspaceId, label: provider });
  if (credential) return configFromCredential(credential);
  const entry = provider === CUSTOM_PROVIDER_ID ? null : getCatalogEntry(provider);
  if (!entry) throw await unknownProvider(workspaceId, provider);
  const settings = instanceSettings(entry.id);
  if (!settings) throw notConfigured(entry);
  // Instance settings come from the operator, so their base URLs (Ollama on localhost) are trusted as given.
  return compact({ kind: entry.kind, apiKey: settings.apiKey, baseURL: settings.baseURL, label: entry.id, trusted: true });
}

/** Providers a picker may offer: the built-in model, what the instance configures, and the workspace's own. No secrets. */
export async function listAvailableProviders(workspaceId: string): Promise<AvailableProvider[]> {
  const credentials = await listProviderCredentials({ workspaceId });
  const saved = new Map(credentials.map((c) => [c.label, c]));
  const available: AvailableProvider[] = [];
  for (const entry of PROVIDER_CATALOG) {
    if (entry.id === CUSTOM_PROVIDER_ID) continue;
    const source = entry.id === LOCAL_PROVIDER_ID ? 'builtin' : saved.has(entry.id) ? 'workspace' : instanceSettings(entry.id) ? 'instance' : null;
    if (source) available.push({ id: entry.id, label: entry.label, kind: entry.kind, source, models: [...entry.models], ignoredParams: ignoredParams(entry.kind) });
  }
  for (const credential of credentials) {
    if (getCatalogEntry(credential.label)) continue; // listed above under its catalogue id
    const entry = getCatalogEntry(credential.provider) ?? getCatalogEntry(CUSTOM_PROVIDER_ID)!;
    const label = entry.id === CUSTOM_PROVIDER_ID ? credential.label : `${entry.label} (${credential.label})`;
    available.push({ id: credential.label, label, kind: entry.kind, source: 'workspace', models: [...entry.models], ignoredParams: ignoredParams(entry.kind) });
  }
  return available;
}

const ignoredParams = (kind: ProviderKind): (keyof GenerationParams)[] => (kind === 'anthropic' ? [...ANTHROPIC_IGNORED_PARAMS] : []);

// Leaves optional fields out rather than undefined, so configs compare and serialise cleanly.
function compact(config: ProviderConfig): ProviderConfig {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as ProviderConfig;
}
