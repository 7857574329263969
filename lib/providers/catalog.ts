import type { ProviderKind } from '../llm/types';

/** How a provider takes its settings: what Settings asks for and what `env()` can supply. */
export type CatalogEntry = {
  id: string;
  label: string;
  kind: ProviderKind;
  /** required: no key, no provider. optional: self-hosted servers that may sit behind a key. none: never asked. */
  apiKey: 'required' | 'optional' | 'none';
  /** required: there is no default endpoint (self-hosted servers, custom). optional: overridable (proxies). */
  baseUrl: 'required' | 'optional' | 'none';
  /** Shown in the base URL field. */
  baseUrlPlaceholder?: string;
  /** Where OpenAI-compatible calls go without a saved base URL: the hosted endpoint, or a local server's usual port. */
  defaultBaseUrl?: string;
  /** The instance settings that configure it, named in "not configured" messages. */
  envVar?: string;
  /** Suggestions for model pickers; any id the provider accepts works. */
  models: string[];
};

// A self-hosted server: its usual address is both the field's hint and the default.
const usualAddress = (url: string) => ({ baseUrlPlaceholder: url, defaultBaseUrl: url });

export const LOCAL_PROVIDER_ID = 'local';
export const LOCAL_MODEL_ID = 'promptlab-local';
/** Not a provider of its own: any OpenAI-compatible endpoint, saved under a label the workspace chooses. */
export const CUSTOM_PROVIDER_ID = 'custom';

export const PROVIDER_CATALOG = [
  {
    id: LOCAL_PROVIDER_ID,
    label: 'Local test model (built-in)',
    kind: 'local',
    apiKey: 'none',
    baseUrl: 'none',
    models: [LOCAL_MODEL_ID],
  },
  {
    id: 'openai',
    label: 'OpenAI',
    kind: 'openai',
    apiKey: 'required',
    baseUrl: 'optional',
    baseUrlPlaceholder: 'https://api.openai.com/v1',
    envVar: 'OPENAI_API_KEY',
    // Current models first (lib/llm/prices/price-table.json prices each; tests/unit/provider-catalog.test.ts checks).
    models: ['gpt-6.2-sol', 'gpt-6.2-astra', 'gpt-6.1-terra', 'gpt-6-luna', 'gpt-5.6-sol', 'gpt-5.6-terra', 'gpt-5.6-luna', 'gpt-5.5', 'gpt-5.4', 'gpt-5.4-mini'],
  },
  {
    id: 'anthropic',
    label: 'Anthropic',
    kind: 'anthropic',
    apiKey: 'required',
    baseUrl: 'optional',
    baseUrlPlaceholder: 'https://api.anthropic.com',
    envVar: 'ANTHROPIC_API_KEY',
    models: ['claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-opus-5-5', 'claude-fable-5-2'],
  },
  {
    id: 'groq',
    label: 'Groq',
    kind: 'openai-compatible',
    apiKey: 'required',
    baseUrl: 'none',
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    envVar: 'GROQ_API_KEY',
    // The Llama 3.x models shut down on 2026-08-16 (Groq deprecations page).
    models: ['openai/gpt-oss-120b', 'openai/gpt-oss-20b'],
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    kind: 'openai-compatible',
    apiKey: 'required',
    baseUrl: 'none',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    envVar: 'OPENROUTER_API_KEY',
    models: ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4.5', 'meta-llama/llama-3.3-70b-instruct'],
  },
  {
    id: 'together',
    label: 'Together AI',
    kind: 'openai-compatible',
    apiKey: 'required',
    baseUrl: 'none',
    defaultBaseUrl: 'https://api.together.xyz/v1',
    envVar: 'TOGETHER_API_KEY',
    models: ['meta-llama/Llama-3.3-70B-Instruct-Turbo'],
  },
  {
    id: 'ollama',
    label: 'Ollama',
    kind: 'openai-compatible',
    apiKey: 'optional',
    baseUrl: 'required',
    ...usualAddress('http://localhost:11434/v1'),
    envVar: 'OLLAMA_BASE_URL',
    models: ['llama3.2', 'qwen2.5', 'mistral'],
  },
  {
    id: 'lmstudio',
    label: 'LM Studio',
    kind: 'openai-compatible',
    apiKey: 'optional',
    baseUrl: 'required',
    ...usualAddress('http://localhost:1234/v1'),
    envVar: 'LMSTUDIO_BASE_URL',
    models: [],
  },
  {
    id: 'vllm',
    label: 'vLLM',
    kind: 'openai-compatible',
    apiKey: 'optional',
    baseUrl: 'required',
    ...usualAddress('http://localhost:8000/v1'),
    envVar: 'VLLM_BASE_URL',
    models: [],
  },
  {
    id: CUSTOM_PROVIDER_ID,
    label: 'Custom OpenAI-compatible',
    kind: 'openai-compatible',
    apiKey: 'optional',
    baseUrl: 'required',
    baseUrlPlaceholder: 'https://llm.example.com/v1',
    models: [],
  },
] as const satisfies readonly CatalogEntry[];

const byId = new Map<string, CatalogEntry>(PROVIDER_CATALOG.map((entry) => [entry.id, entry]));

export function getCatalogEntry(id: string): CatalogEntry | null {
  return byId.get(id) ?? null;
}

/** The ids a run or a version may name directly (custom endpoints are named by their label instead). */
export const CATALOG_PROVIDER_IDS: string[] = PROVIDER_CATALOG.map((e) => e.id).filter((id) => id !== CUSTOM_PROVIDER_ID);
