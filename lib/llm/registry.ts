import 'server-only';
import { createHash } from 'node:crypto';
import { env } from '../env';
import { providerFetch } from '../net/guarded-fetch';
import { createAnthropicProvider } from './anthropic-provider';
import { createLocalProvider } from './local-provider';
import { createOpenAICompatibleProvider } from './openai-compatible';
import { createOpenAIProvider } from './openai-provider';
import { withSafeErrors } from './safe-errors';
import type { LlmProvider, ProviderConfig } from './types';

const LOCAL_CHUNK_DELAY_MS = 12;
// Configs in use at once are few (a workspace's endpoints); a rotated key leaves an old entry to age out.
const MAX_CACHED_PROVIDERS = 256;

/**
 * Builds the provider a config describes (no network). An `openai-compatible` config names a preset by its label
 * (`groq`) or brings its own baseURL; without either it throws a `bad_request` ProviderError. Every network call
 * goes through the guarded fetch, and every error it throws is redacted (and stripped of the response text when
 * the workspace chose the base URL). Providers are stateless per call, so one is kept per config: constructing an
 * SDK client per run cost ~1 ms of CPU and garbage at thousands of runs a minute.
 */
export function createProvider(config: ProviderConfig): LlmProvider {
  const key = cacheKey(config);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const provider = buildProvider(config);
  cache.set(key, provider);
  while (cache.size > MAX_CACHED_PROVIDERS) cache.delete(cache.keys().next().value!);
  return provider;
}

const cache = new Map<string, LlmProvider>();

// Everything buildProvider reads, the private-address setting included; the key is hashed, not kept as text.
function cacheKey(config: ProviderConfig): string {
  const { kind, label, baseURL, trusted, apiKey } = config;
  const parts = [kind, label ?? null, baseURL ?? null, Boolean(trusted), apiKey ?? null, env().allowPrivateProviderUrls];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64');
}

function buildProvider(config: ProviderConfig): LlmProvider {
  const { apiKey, baseURL, label } = config;
  const fetch = providerFetch({ trusted: config.trusted });
  // A base URL the workspace typed could be anything, an internal service included: never echo what it answers.
  const echo = Boolean(config.trusted) || baseURL === undefined;
  const safe = (provider: LlmProvider) => withSafeErrors(provider, { echo, secrets: [apiKey] });
  switch (config.kind) {
    case 'openai':
      return safe(createOpenAIProvider({ apiKey, baseURL, fetch, ...(label && { label }) }));
    case 'anthropic':
      return safe(createAnthropicProvider({ apiKey, baseURL, fetch, ...(label && { label }) }));
    case 'openai-compatible':
      return safe(createOpenAICompatibleProvider({ label: label ?? 'openai-compatible', apiKey, baseURL, fetch }));
    case 'local':
      // A short pause per token so people see the output arrive, as from a real model.
      return createLocalProvider({ chunkDelayMs: LOCAL_CHUNK_DELAY_MS });
  }
}
