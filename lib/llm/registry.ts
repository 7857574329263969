import 'server-only';
import { providerFetch } from '../net/guarded-fetch';
import { createAnthropicProvider } from './anthropic-provider';
import { createLocalProvider } from './local-provider';
import { createOpenAICompatibleProvider } from './openai-compatible';
import { createOpenAIProvider } from './openai-provider';
import { withSafeErrors } from './safe-errors';
import type { LlmProvider, ProviderConfig } from './types';

const LOCAL_CHUNK_DELAY_MS = 12;

/**
 * Builds the provider a config describes. Cheap (no network): build one per call. An `openai-compatible` config
 * names a preset by its label (`groq`) or brings its own baseURL; without either it throws a `bad_request`
 * ProviderError. Every network call goes through the guarded fetch, and every error it throws is redacted (and
 * stripped of the response text when the workspace chose the base URL).
 */
export function createProvider(config: ProviderConfig): LlmProvider {
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
