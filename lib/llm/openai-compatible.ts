import { createChatCompletionsProvider } from './openai-provider';
import { ProviderError, type LlmProvider } from './types';

export type OpenAICompatiblePreset = {
  label: string;
  baseURL: string;
  /** Hosted services need a key; local servers run without one (but accept one when started with it). */
  requiresApiKey: boolean;
};

export const OPENAI_COMPATIBLE_PRESETS = {
  groq: { label: 'Groq', baseURL: 'https://api.groq.com/openai/v1', requiresApiKey: true },
  openrouter: { label: 'OpenRouter', baseURL: 'https://openrouter.ai/api/v1', requiresApiKey: true },
  together: { label: 'Together AI', baseURL: 'https://api.together.xyz/v1', requiresApiKey: true },
  ollama: { label: 'Ollama', baseURL: 'http://localhost:11434/v1', requiresApiKey: false },
  lmstudio: { label: 'LM Studio', baseURL: 'http://localhost:1234/v1', requiresApiKey: false },
  vllm: { label: 'vLLM', baseURL: 'http://localhost:8000/v1', requiresApiKey: false },
} as const satisfies Record<string, OpenAICompatiblePreset>;

export type OpenAICompatiblePresetId = keyof typeof OPENAI_COMPATIBLE_PRESETS;

// The SDK refuses to start without a key, and servers that need none ignore the Authorization header.
const NO_KEY = 'not-needed';

export function getOpenAICompatiblePreset(id: string): OpenAICompatiblePreset | null {
  return Object.hasOwn(OPENAI_COMPATIBLE_PRESETS, id) ? OPENAI_COMPATIBLE_PRESETS[id as OpenAICompatiblePresetId] : null;
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
  const preset = getOpenAICompatiblePreset(options.label);
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
