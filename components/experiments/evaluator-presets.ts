// The evaluator presets the experiment form offers; each fills its type's config (lib/evaluators/<type>.ts).

export type PresetField = {
  key: string;
  label: string;
  /** list: one value a line, sent as an array. */
  kind: 'text' | 'textarea' | 'number' | 'list';
  required?: boolean;
  default?: string;
  placeholder?: string;
};

export type EvaluatorPreset = {
  id: string;
  label: string;
  /** '' for the custom preset: the type is typed in. */
  type: string;
  fields: PresetField[];
  /** Config values the preset always sends. */
  fixed?: Record<string, unknown>;
  hint?: string;
};

export const EVALUATOR_PRESETS = [
  {
    id: 'exact-match',
    label: 'Exact match with expected',
    type: 'equals',
    fields: [{ key: 'value', label: 'Value', kind: 'text', default: '{{expected}}' }],
  },
  {
    id: 'contains-expected',
    label: 'Contains expected',
    type: 'contains',
    fields: [{ key: 'value', label: 'Value', kind: 'text', default: '{{expected}}' }],
  },
  { id: 'valid-json', label: 'Valid JSON', type: 'is-json', fields: [] },
  {
    id: 'regex',
    label: 'Regex',
    type: 'regex',
    fields: [
      { key: 'pattern', label: 'Pattern', kind: 'text', required: true, placeholder: '^\\d+$' },
      { key: 'flags', label: 'Flags (i, m, s)', kind: 'text', placeholder: 'i' },
    ],
  },
  {
    id: 'javascript',
    label: 'JavaScript',
    type: 'javascript',
    fields: [{ key: 'code', label: 'Function body of (output, context)', kind: 'textarea', required: true, default: 'return output.includes(context.expected);' }],
    hint: 'Return true/false, a score in [0, 1], or { pass, score, reason }. Runs in a sandbox with time and memory limits.',
  },
  {
    id: 'llm-judge',
    label: 'LLM judge (rubric)',
    type: 'llm-judge',
    fields: [
      { key: 'rubric', label: 'Rubric', kind: 'textarea', required: true, placeholder: 'The answer is polite and mentions {{topic}}.' },
      { key: 'provider', label: 'Judge provider (default: local model)', kind: 'text' },
      { key: 'model', label: 'Judge model', kind: 'text' },
    ],
  },
  { id: 'max-latency', label: 'Max latency', type: 'latency', fields: [{ key: 'ms', label: 'At most (ms)', kind: 'number', required: true, default: '2000' }] },
  { id: 'max-cost', label: 'Max cost', type: 'cost', fields: [{ key: 'usd', label: 'At most (USD)', kind: 'number', required: true, default: '0.01' }] },
  {
    id: 'webhook',
    label: 'Webhook',
    type: 'webhook',
    fields: [
      { key: 'url', label: 'URL', kind: 'text', required: true, placeholder: 'https://example.com/grade' },
      { key: 'secret', label: 'Signing secret', kind: 'text' },
    ],
    hint: 'Receives the cell as JSON and answers { pass, score?, reason? }.',
  },
  { id: 'custom', label: 'Other type (JSON config)', type: '', fields: [] },
] as const satisfies readonly EvaluatorPreset[];

export type PresetId = (typeof EVALUATOR_PRESETS)[number]['id'];

export function presetById(id: string): EvaluatorPreset {
  return EVALUATOR_PRESETS.find((p) => p.id === id) ?? EVALUATOR_PRESETS[EVALUATOR_PRESETS.length - 1]!;
}
