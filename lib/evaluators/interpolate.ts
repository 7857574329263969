import { parseTemplate } from '@/lib/templates';

/** Longest text an interpolated config value may grow to: a huge `expected` must not make every check huge. */
export const MAX_INTERPOLATED_CHARS = 1_000_000;

const asText = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));

/**
 * Replaces `{{expected}}` / `{{var}}` in a config string with the item's values (the template syntax of prompts,
 * `\{{` for a literal). Unknown variables render empty; non-string values are JSON-encoded.
 */
export function interpolate(text: string, vars: Record<string, unknown>): string {
  if (!text.includes('{{')) return text;
  const parsed = parseTemplate(text);
  let out = '';
  for (const segment of parsed.segments) {
    out += segment.kind === 'text' ? segment.text : Object.hasOwn(vars, segment.name) ? asText(vars[segment.name]) : '';
    if (out.length > MAX_INTERPOLATED_CHARS) throw new Error(`the interpolated value is over ${MAX_INTERPOLATED_CHARS.toLocaleString('en-US')} characters`);
  }
  return out;
}

/** When `text` is exactly one placeholder (`{{expected}}`), the raw value it names, so JSON stays JSON. */
export function interpolateValue(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value !== 'string') return value;
  const parsed = parseTemplate(value);
  const [only] = parsed.segments;
  if (parsed.segments.length === 1 && only?.kind === 'variable' && parsed.errors.length === 0) {
    return Object.hasOwn(vars, only.name) ? vars[only.name] : undefined;
  }
  return interpolate(value, vars);
}
