import { PROVIDER_CATALOG } from '../providers/catalog';
import { priceFor } from './pricing';

/** How far ahead a coming shutdown is announced. */
export const RETIREMENT_NOTICE_DAYS = 30;

export type ModelWarning = {
  code: 'MODEL_RETIRED' | 'MODEL_RETIRING';
  message: string;
  provider: string;
  model: string;
  /** The day the provider shuts (or shut) the model down. */
  retiresOn: string;
  replacement: string | null;
};

const DAY_MS = 86_400_000;

const providerLabel = (provider: string) => PROVIDER_CATALOG.find((entry) => entry.id === provider)?.label ?? provider;

/**
 * Warnings about a model that the price table says is retired or retires within RETIREMENT_NOTICE_DAYS of `now`:
 * shown in the editor and the run panel, and carried by the API's run answers. Empty for models it does not know.
 */
export function modelWarnings(provider: string, model: string, now: Date = new Date()): ModelWarning[] {
  const entry = priceFor(provider, model, now);
  const retiresOn = entry?.retiresOn;
  if (!retiresOn) return [];
  const replacement = entry.replacement ?? null;
  const daysLeft = Math.ceil((Date.parse(`${retiresOn}T00:00:00Z`) - now.getTime()) / DAY_MS);
  if (daysLeft > RETIREMENT_NOTICE_DAYS) return [];
  const instead = replacement ? ` Switch to ${replacement}.` : ' Switch to a current model.';
  const by = providerLabel(provider);
  if (daysLeft <= 0) {
    return [{ code: 'MODEL_RETIRED', message: `${model} was shut down by ${by} on ${retiresOn}: runs of it fail.${instead}`, provider, model, retiresOn, replacement }];
  }
  const when = daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days`;
  return [{ code: 'MODEL_RETIRING', message: `${by} shuts ${model} down on ${retiresOn} (${when}).${instead}`, provider, model, retiresOn, replacement }];
}
