import type { EvaluatorSpec } from '@/lib/evaluators/types';
import { isRecord } from './read-file';

/*
 * promptfoo assertions as PromptLab evaluators. A mapped assertion keeps its `not-` prefix (`not: true`), weight,
 * metric (as the name) and threshold; anything PromptLab cannot check comes back as a reason instead.
 */

export type MappedAssert = { spec: EvaluatorSpec; type: string; value: unknown } | { skip: string; type: string };

const text = (value: unknown): value is string | number => typeof value === 'string' || typeof value === 'number';
const list = (value: unknown): string[] | null => {
  if (Array.isArray(value) && value.length > 0 && value.every(text)) return value.map(String);
  if (typeof value === 'string' && value.trim() !== '') return value.split(',').map((v) => v.trim()).filter(Boolean);
  return null;
};

/** Types whose value can move into the item's `expected` (then the evaluator reads `{{expected}}`). */
export const EXPECTED_TYPES = new Set(['equals', 'contains', 'icontains', 'starts-with', 'levenshtein']);

function configFor(type: string, value: unknown, threshold: number | undefined): Record<string, unknown> | string {
  const needsValue = (config: Record<string, unknown>) => (value === undefined ? 'it has no `value`' : config);
  switch (type) {
    case 'equals':
      return needsValue({ value });
    case 'contains':
    case 'icontains':
    case 'starts-with':
      return text(value) ? { value: String(value) } : 'its `value` must be text';
    case 'contains-any':
    case 'contains-all':
    case 'icontains-any':
    case 'icontains-all': {
      const values = list(value);
      return values ? { values, ignoreCase: type.startsWith('i') } : 'its `value` must be a list of texts';
    }
    case 'regex':
      return typeof value === 'string' ? { pattern: value } : 'its `value` must be a pattern';
    case 'is-json':
      return value === undefined ? {} : isRecord(value) ? { schema: value } : 'its `value` must be a JSON Schema object';
    case 'javascript':
      if (typeof value !== 'string') return 'its `value` must be code';
      return value.startsWith('file://') ? `the code is in \`${value}\`, which was not uploaded: paste it inline` : { code: value };
    case 'llm-rubric':
      return typeof value === 'string' ? { rubric: value, ...(threshold !== undefined ? { passThreshold: threshold } : {}) } : 'its `value` must be the rubric text';
    case 'levenshtein':
      return text(value) ? { value: String(value), max: threshold ?? 5 } : 'its `value` must be text';
    case 'latency':
      return threshold !== undefined && Number.isInteger(threshold) && threshold >= 1 ? { ms: threshold } : 'set `threshold` to the milliseconds allowed';
    case 'cost':
      return threshold !== undefined && threshold >= 0 ? { usd: threshold } : 'set `threshold` to the dollars allowed';
    default:
      return 'PromptLab has no evaluator for it';
  }
}

const TYPE_OF: Record<string, string> = {
  'icontains-any': 'contains-any',
  'icontains-all': 'contains-all',
  'llm-rubric': 'llm-judge',
};

/** One promptfoo assertion as an evaluator spec, or why not. */
export function mapAssert(raw: unknown): MappedAssert {
  if (!isRecord(raw) || typeof raw.type !== 'string') return { skip: 'an assertion needs a `type`', type: 'unknown' };
  const negated = raw.type.startsWith('not-');
  const base = negated ? raw.type.slice(4) : raw.type;
  const threshold = typeof raw.threshold === 'number' ? raw.threshold : undefined;
  const config = configFor(base, raw.value, threshold);
  if (typeof config === 'string') return { skip: config, type: raw.type };
  const type = TYPE_OF[base] ?? (base === 'is-json' && 'schema' in config ? 'json-schema' : base);
  const spec: EvaluatorSpec = { type, config };
  if (negated) spec.not = true;
  if (typeof raw.weight === 'number' && raw.weight >= 0 && raw.weight <= 1000) spec.weight = raw.weight;
  if (typeof raw.metric === 'string' && raw.metric.trim()) spec.name = raw.metric.trim().slice(0, 100);
  // Thresholds that are not a 0–1 pass score were turned into config above.
  if (threshold !== undefined && threshold >= 0 && threshold <= 1 && !['levenshtein', 'latency', 'cost', 'llm-rubric'].includes(base)) spec.threshold = threshold;
  return { spec, type: raw.type, value: raw.value };
}
