import type { AvailableProvider, ModelConfig, RunParams } from '@/lib/client/types';
import { LOCAL_PROVIDER } from '@/components/providers/use-providers';

/** Sampling params as typed into the run panel: text, so half-typed values ("0.") survive. */
export type RunParamsForm = { temperature: string; maxTokens: string; topP: string };
export type RunParamKey = keyof RunParamsForm;

/** Per-version choices; a new current version starts from its own model settings again. */
export type Overrides = { version: number | null; provider?: string; model?: string } & Partial<RunParamsForm>;

const numberText = (n: number | undefined) => (n === undefined ? '' : String(n));

/** What the provider picker needs of a provider. */
export type ProviderOption = Pick<AvailableProvider, 'id' | 'label' | 'models' | 'ignoredParams'>;

export type RunModelChoice = {
  /** What the provider picker offers: the available providers, plus the version's own when it isn't (yet) known. */
  providers: ProviderOption[];
  provider: string;
  model: string;
  params: RunParamsForm;
  /** The version's provider isn't set up in this workspace, so the run falls back to the local model. */
  fallback: boolean;
};

/**
 * The provider, model and params a run will use: the user's overrides, else the version's settings when the
 * workspace can run its provider (or while that isn't known yet), else the local model.
 */
export function runModelChoice(base: ModelConfig, available: AvailableProvider[], known: boolean, overrides: Overrides): RunModelChoice {
  const baseAvailable = available.some((p) => p.id === base.provider);
  const provider = overrides.provider ?? (baseAvailable || !known ? base.provider : LOCAL_PROVIDER.id);
  const providers: ProviderOption[] =
    known || available.some((p) => p.id === provider)
      ? available
      : [...available, { id: provider, label: provider, models: provider === base.provider ? [base.model] : [], ignoredParams: [] }];
  const suggested = providers.find((p) => p.id === provider)?.models ?? [];
  return {
    providers,
    provider,
    model: overrides.model ?? (provider === base.provider ? base.model : (suggested[0] ?? '')),
    params: {
      temperature: overrides.temperature ?? numberText(base.temperature),
      maxTokens: overrides.maxTokens ?? numberText(base.maxTokens),
      topP: overrides.topP ?? numberText(base.topP),
    },
    fallback: known && !baseAvailable && overrides.provider === undefined,
  };
}

/** The request's `params`: empty or unreadable fields are left to the version's defaults. */
export function toRunParams(form: RunParamsForm): RunParams {
  const params: RunParams = {};
  const read = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));
  const temperature = read(form.temperature);
  const maxTokens = read(form.maxTokens);
  const topP = read(form.topP);
  if (temperature !== undefined) params.temperature = temperature;
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  if (topP !== undefined) params.topP = topP;
  return params;
}

/** A note for each sampling field the provider does not send (Anthropic ignores temperature and top-p). */
export function ignoredParamNotes(provider: ProviderOption | undefined): Partial<Record<RunParamKey, string>> {
  const notes: Partial<Record<RunParamKey, string>> = {};
  for (const key of provider?.ignoredParams ?? []) {
    if (key === 'temperature' || key === 'maxTokens' || key === 'topP') notes[key] = `Not sent to ${provider?.label}`;
  }
  return notes;
}
