import { createAnthropicProvider } from './anthropic-provider';
import { createLocalProvider } from './local-provider';
import { createOpenAICompatibleProvider } from './openai-compatible';
import { createOpenAIProvider } from './openai-provider';
import type { LlmProvider, ProviderConfig } from './types';

const LOCAL_CHUNK_DELAY_MS = 12;

/**
 * Builds the provider a config describes. Cheap (no network): build one per call. An `openai-compatible` config
 * names a preset by its label (`groq`) or brings its own baseURL; without either it throws a `bad_request`
 * ProviderError.
 */
export function createProvider(config: ProviderConfig): LlmProvider {
  const { apiKey, baseURL, label } = config;
  switch (config.kind) {
    case 'openai':
      return createOpenAIProvider({ apiKey, baseURL, ...(label && { label }) });
    case 'anthropic':
      return createAnthropicProvider({ apiKey, baseURL, ...(label && { label }) });
    case 'openai-compatible':
      return createOpenAICompatibleProvider({ label: label ?? 'openai-compatible', apiKey, baseURL });
    case 'local':
      // A short pause per token so people see the output arrive, as from a real model.
      return createLocalProvider({ chunkDelayMs: LOCAL_CHUNK_DELAY_MS });
  }
}
