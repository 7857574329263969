import { LABEL_NAME_PATTERN, LATEST_LABEL } from '@/lib/labels/schemas';
import type { Skipped } from './source';

/** The model settings PromptLab keeps, from the snake_case or camelCase names the other tools use. */
export type ModelParams = { temperature?: number; maxTokens?: number; topP?: number; stop?: string[] };

const NUMBER_KEYS: Record<string, keyof Omit<ModelParams, 'stop'>> = {
  temperature: 'temperature',
  max_tokens: 'maxTokens',
  maxTokens: 'maxTokens',
  max_output_tokens: 'maxTokens',
  max_completion_tokens: 'maxTokens',
  top_p: 'topP',
  topP: 'topP',
};

const inRange: Record<keyof Omit<ModelParams, 'stop'>, (n: number) => boolean> = {
  temperature: (n) => n >= 0 && n <= 2,
  maxTokens: (n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000,
  topP: (n) => n >= 0 && n <= 1,
};

/** Reads the settings PromptLab has; every other key is reported in `skipped` under `what`, never dropped silently. */
export function readModelParams(config: Record<string, unknown>, what: string, skipped: Skipped[], { ignore = [] as string[] } = {}): ModelParams {
  const params: ModelParams = {};
  for (const [key, value] of Object.entries(config)) {
    if (ignore.includes(key)) continue;
    const target = NUMBER_KEYS[key];
    if (target) {
      if (typeof value === 'number' && inRange[target](value)) params[target] = value;
      else skipped.push({ what: `${what}: ${key}`, why: `\`${String(JSON.stringify(value)).slice(0, 40)}\` is out of PromptLab's range for ${target}` });
      continue;
    }
    if (key === 'stop') {
      const stops = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
      if (stops && stops.length <= 4 && stops.every((s) => typeof s === 'string' && s.length >= 1 && s.length <= 100)) params.stop = stops as string[];
      else skipped.push({ what: `${what}: stop`, why: 'PromptLab keeps at most 4 stop sequences of 1 to 100 characters' });
      continue;
    }
    skipped.push({ what: `${what}: ${key}`, why: 'PromptLab has no such model setting' });
  }
  return params;
}

/** Another tool's label as a PromptLab label name (`Production EU` → `production-eu`); null when none fits. */
export function labelName(raw: string): string | null {
  const name = raw.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 50);
  return LABEL_NAME_PATTERN.test(name) && name !== LATEST_LABEL ? name : null;
}
