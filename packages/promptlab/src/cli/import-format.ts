import { parse } from 'yaml';

export const IMPORT_FORMATS = ['promptlab', 'promptfoo', 'langfuse', 'openai'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Guesses the format of a file to import from its name and first content; null when nothing fits. */
export function detectImportFormat(fileName: string, text: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.jsonl')) return 'openai';
  if (/promptfoo/.test(lower)) return 'promptfoo';
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 100 });
  } catch {
    // One JSON object per line is not one YAML document.
    return text.trimStart().startsWith('{') && text.includes('\n{') ? 'openai' : null;
  }
  if (isObject(value) && value.format === 'promptlab.bundle') return 'promptlab';
  if (isObject(value) && ('providers' in value || 'tests' in value) && 'prompts' in value) return 'promptfoo';
  const list = isObject(value) && Array.isArray(value.data) ? value.data : isObject(value) && Array.isArray(value.prompts) ? value.prompts : Array.isArray(value) ? value : isObject(value) ? [value] : [];
  const first = list[0];
  if (isObject(first) && typeof first.name === 'string' && 'prompt' in first && ('type' in first || 'labels' in first)) return 'langfuse';
  if (isObject(first) && (first.object === 'prompt' || 'instructions' in first || (typeof first.id === 'string' && first.id.startsWith('pmpt_')))) return 'openai';
  return null;
}

/** The Content-Type the import body goes with. */
export function contentTypeOf(fileName: string): string {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.jsonl')) return 'application/x-ndjson';
  if (lower.endsWith('.json')) return 'application/json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'application/yaml';
  return 'text/plain';
}
