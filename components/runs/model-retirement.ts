import { modelWarnings, type ModelWarning } from '@/lib/llm/model-warnings';
import { priceFor } from '@/lib/llm/pricing';

/** "retires 2026-12-11" for a coming shutdown, "retired 2025-10-01" for a past one; null for a model with no date. */
export function retirementTag(retiresOn: string | undefined, now: Date): string | null {
  if (!retiresOn) return null;
  return retiresOn > now.toISOString().slice(0, 10) ? `retires ${retiresOn}` : `retired ${retiresOn}`;
}

export type ModelSuggestion = { model: string; tag: string | null };

/** A provider's model suggestions, each marked with its retirement from the price table. */
export function modelSuggestions(provider: string, models: readonly string[], now: Date): ModelSuggestion[] {
  return models.map((model) => ({ model, tag: retirementTag(priceFor(provider, model, now)?.retiresOn, now) }));
}

/**
 * The retirement warnings of the models a run goes to, once per provider/model. `now` is 0 before the page mounts
 * (no clock on the server render): no warnings then, so the server and the first client render agree.
 */
export function warningsForModels(targets: readonly { provider: string; model: string }[], nowMs: number): ModelWarning[] {
  if (nowMs === 0) return [];
  const seen = new Set<string>();
  const warnings: ModelWarning[] = [];
  for (const { provider, model } of targets) {
    const key = `${provider}\n${model.trim()}`;
    if (!model.trim() || seen.has(key)) continue;
    seen.add(key);
    warnings.push(...modelWarnings(provider, model.trim(), new Date(nowMs)));
  }
  return warnings;
}
