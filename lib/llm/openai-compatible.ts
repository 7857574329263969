import 'server-only';
import { CUSTOM_PROVIDER_ID, getCatalogEntry } from '../providers/catalog';
import { createChatCompletionsProvider } from './openai-provider';
import { ProviderError, type LlmProvider } from './types';

// The SDK refuses to start without a key, and servers that need none ignore the Authorization header.
const NO_KEY = 'not-needed';

/** A catalogue preset (Groq, Ollama…) by id: its default endpoint and whether it needs a key. */
function presetFor(id: string): { baseURL?: string; requiresApiKey: boolean } | null {
  const entry = getCatalogEntry(id);
  if (!entry || entry.kind !== 'openai-compatible' || entry.id === CUSTOM_PROVIDER_ID) return null;
  return { baseURL: entry.defaultBaseUrl, requiresApiKey: entry.apiKey === 'required' };
}

/**
 * Any Chat Completions server: a preset (by id, which also names it in errors) or a custom endpoint under a label
 * of the workspace's choosing. An explicit baseURL overrides the preset's.
 */
export function createOpenAICompatibleProvider(options: {
  label: string;
  baseURL?: string;
  apiKey?: string;
  fetch?: typeof globalThis.fetch;
}): LlmProvider {
  const preset = presetFor(options.label);
  const baseURL = options.baseURL ?? preset?.baseURL;
  if (!baseURL) {
    throw new ProviderError('bad_request', `${options.label}: an OpenAI-compatible endpoint needs a base URL`, {
      provider: options.label,
    });
  }
  // Hosted presets without a key fail on first use with an `auth` error; keyless servers get a placeholder.
  const apiKey = options.apiKey || (preset?.requiresApiKey ? undefined : NO_KEY);
  return createChatCompletionsProvider('openai-compatible', {
    label: options.label,
    baseURL,
    ...(apiKey && { apiKey }),
    ...(options.fetch && { fetch: options.fetch }),
    maxTokensField: 'max_tokens',
  });
}
