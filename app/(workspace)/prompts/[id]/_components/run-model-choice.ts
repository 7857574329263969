import type { AvailableProvider, ModelConfig, RunParams } from '@/lib/client/types';
import { LOCAL_PROVIDER } from '@/components/providers/use-providers';

/** Per-run overrides as typed into the run panel: text, so half-typed values ("0.") survive; '' = the version's. */
export type RunParamsForm = { temperature: string; maxTokens: string; topP: string };
export type RunParamKey = keyof RunParamsForm;
export const NO_OVERRIDES: RunParamsForm = { temperature: '', maxTokens: '', topP: '' };

/** One model a run goes to. */
export type RunTarget = { provider: string; model: string };
/** How many models one Run may go to at once. */
export const MAX_TARGETS = 8;

/** What the provider picker needs of a provider. */
export type ProviderOption = Pick<AvailableProvider, 'id' | 'label' | 'models' | 'ignoredParams'>;

/**
 * The default first target: the version's own model when the workspace can run its provider (or while that isn't
 * known yet), else the local model (`fallback`).
 */
export function defaultTarget(base: ModelConfig, available: AvailableProvider[], known: boolean): { target: RunTarget; fallback: boolean } {
  const runnable = available.some((p) => p.id === base.provider);
  if (runnable || !known) return { target: { provider: base.provider, model: base.model }, fallback: false };
  return { target: { provider: LOCAL_PROVIDER.id, model: LOCAL_PROVIDER.models[0] ?? '' }, fallback: true };
}

/** The picker's options: the available providers, plus any chosen one that isn't (yet) known. */
export function providerOptions(available: AvailableProvider[], targets: RunTarget[]): ProviderOption[] {
  const extra = targets
    .filter((t, i) => !available.some((p) => p.id === t.provider) && targets.findIndex((o) => o.provider === t.provider) === i)
    .map((t) => ({ id: t.provider, label: t.provider, models: [t.model], ignoredParams: [] }));
  return [...available, ...extra];
}

/** The model a provider starts with when picked: the version's when it is the version's provider, else its first. */
export function modelForProvider(provider: string, base: ModelConfig, options: ProviderOption[]): string {
  if (provider === base.provider) return base.model;
  return options.find((p) => p.id === provider)?.models[0] ?? '';
}

/** The next target "Add model" offers: the first suggested model not yet chosen. */
export function nextTarget(targets: RunTarget[], options: ProviderOption[]): RunTarget {
  const taken = new Set(targets.map(targetLabel));
  for (const p of options) {
    const model = p.models.find((m) => !taken.has(`${p.id}/${m}`));
    if (model) return { provider: p.id, model };
  }
  return { ...(targets.at(-1) ?? { provider: LOCAL_PROVIDER.id, model: LOCAL_PROVIDER.models[0] ?? '' }) };
}

export const targetLabel = (target: RunTarget) => `${target.provider}/${target.model.trim()}`;

const read = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));

/** The request's `params`: only the overrides; empty or unreadable fields leave the version's settings. */
export function toRunParams(form: RunParamsForm): RunParams {
  const params: RunParams = {};
  const temperature = read(form.temperature);
  const maxTokens = read(form.maxTokens);
  const topP = read(form.topP);
  if (temperature !== undefined) params.temperature = temperature;
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  if (topP !== undefined) params.topP = topP;
  return params;
}

/** "overrides 0.7" (or "overrides the default") for each field whose override differs from the version's setting. */
export function overrideNotes(form: RunParamsForm, base: ModelConfig): Partial<Record<RunParamKey, string>> {
  const notes: Partial<Record<RunParamKey, string>> = {};
  for (const key of ['temperature', 'maxTokens', 'topP'] as const) {
    const value = read(form[key]);
    if (value === undefined || value === base[key]) continue;
    notes[key] = base[key] === undefined ? 'overrides the default' : `overrides ${base[key]}`;
  }
  return notes;
}

/** "temperature 0.2, max tokens 100": the overrides that change something, for the summary sentence. */
export function describeOverrides(form: RunParamsForm, base: ModelConfig): string {
  const names: Record<RunParamKey, string> = { temperature: 'temperature', maxTokens: 'max tokens', topP: 'top-p' };
  const changed = Object.keys(overrideNotes(form, base)) as RunParamKey[];
  return changed.map((key) => `${names[key]} ${read(form[key])}`).join(', ');
}

/** A note for each sampling field one of the chosen providers does not send (Anthropic ignores temperature and top-p). */
export function ignoredParamNotes(providers: (ProviderOption | undefined)[]): Partial<Record<RunParamKey, string>> {
  const labels: Partial<Record<RunParamKey, string[]>> = {};
  for (const provider of providers) {
    for (const key of provider?.ignoredParams ?? []) {
      if (key !== 'temperature' && key !== 'maxTokens' && key !== 'topP') continue;
      const list = (labels[key] ??= []);
      if (provider && !list.includes(provider.label)) list.push(provider.label);
    }
  }
  return Object.fromEntries(Object.entries(labels).map(([key, list]) => [key, `Not sent to ${list.join(' or ')}`]));
}
