import { ApiError } from '@/lib/api/errors';
import type { ModelConfig } from '@/lib/prompts/schemas';
import { slugify } from '@/lib/prompts/slug';
import type { VariableDef } from '@/lib/templates/variable-schema';
import { readModelParams } from './model-params';
import { contentText, toTemplateMessages } from './prompt-text';
import { invalidFile, isRecord, readJsonLines, readStructured } from './read-file';
import type { ImportSource, Skipped, SourceItem, SourcePrompt, SourceVersion } from './source';

/*
 * OpenAI's closed tooling: dashboard prompts (the reusable prompt objects of the Responses API: id `pmpt_…`,
 * version, instructions or input messages, model settings, variables with their defaults), and eval datasets as
 * JSON Lines, both the evals registry's `{"input": [messages], "ideal": …}` and the Evals API's `{"item": {…}}`.
 */

const PROMPT_KEYS = new Set(['id', 'object', 'name', 'version', 'instructions', 'input', 'messages', 'model', 'variables', 'created_at', 'description']);
const EXPECTED_KEYS = ['ideal', 'expected', 'reference', 'ground_truth', 'correct_answer'];

function promptVersion(raw: Record<string, unknown>, what: string, skipped: Skipped[]): SourceVersion | null {
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!PROMPT_KEYS.has(key)) settings[key] = value;
  const { text: textConfig, tools, reasoning, ...params } = settings;
  if (textConfig !== undefined) skipped.push({ what: `${what}.text`, why: 'structured output settings are not imported: set a response schema in the editor' });
  if (tools !== undefined) skipped.push({ what: `${what}.tools`, why: 'tools are not imported: add them in the editor' });
  if (reasoning !== undefined) skipped.push({ what: `${what}.reasoning`, why: 'PromptLab has no reasoning setting' });
  const model: ModelConfig | undefined = typeof raw.model === 'string' && raw.model.trim() ? { provider: 'openai', model: raw.model.trim(), ...readModelParams(params, `${what} settings`, skipped) } : undefined;
  if (!model && Object.keys(params).length) readModelParams(params, `${what} settings (no model named)`, skipped);

  const turns = Array.isArray(raw.input) ? raw.input : Array.isArray(raw.messages) ? raw.messages : [];
  const list = [...(typeof raw.instructions === 'string' && raw.instructions.trim() ? [{ role: 'system', content: raw.instructions }] : []), ...turns];
  // Paths count the instructions as message 0, as the template stores them.
  const messages = toTemplateMessages(list, `${what}.messages`, skipped);
  if (!messages) return null;
  const variables: VariableDef[] = [];
  if (isRecord(raw.variables)) {
    for (const [name, value] of Object.entries(raw.variables)) {
      const text = typeof value === 'string' ? value : isRecord(value) ? contentText([value], `${what}.variables.${name}`, skipped) : null;
      variables.push({ name, type: 'string', required: text === null || text === '', ...(text ? { default: text } : {}) });
    }
  }
  const version = typeof raw.version === 'string' || typeof raw.version === 'number' ? Number(raw.version) : 1;
  return { sourceNumber: Number.isInteger(version) && version > 0 ? version : 1, messages, ...(variables.length ? { variables } : {}), ...(model ? { model } : {}), notes: 'Imported from OpenAI' };
}

function parsePrompts(root: unknown): ImportSource {
  const list = Array.isArray(root) ? root : isRecord(root) && Array.isArray(root.data) ? root.data : [root];
  const skipped: Skipped[] = [];
  const byId = new Map<string, { name: string; description: string; versions: SourceVersion[] }>();
  list.forEach((raw, i) => {
    if (!isRecord(raw) || typeof raw.id !== 'string') return void skipped.push({ what: `prompt ${i + 1}`, why: 'an OpenAI prompt has an `id` like `pmpt_…`' });
    const name = typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim() : raw.id;
    const what = `prompt \`${name}\`${raw.version !== undefined ? ` v${String(raw.version)}` : ''}`;
    const version = promptVersion(raw, what, skipped);
    if (!version) return;
    const entry = byId.get(raw.id) ?? { name, description: typeof raw.description === 'string' ? raw.description.slice(0, 2000) : '', versions: [] };
    if (entry.versions.some((v) => v.sourceNumber === version.sourceNumber)) return void skipped.push({ what, why: 'the file has this version twice; the first is kept' });
    entry.versions.push(version);
    byId.set(raw.id, entry);
  });
  const prompts: SourcePrompt[] = [...byId.values()].map((p) => ({
    slug: slugify(p.name),
    title: p.name.slice(0, 200),
    description: p.description,
    tags: ['openai'],
    versions: p.versions.sort((a, b) => a.sourceNumber - b.sourceNumber),
    labels: [],
    deployments: [],
  }));
  return { format: 'openai', prompts, datasets: [], skipped, experiment: null };
}

/** The evals registry's samples: the chat turns become `{{input}}` under a shared system prompt, `ideal` the expected answer. */
function parseRegistrySamples(lines: Record<string, unknown>[], name: string, skipped: Skipped[]): ImportSource {
  const turnsOf = (line: Record<string, unknown>) => (Array.isArray(line.input) ? line.input.filter(isRecord) : []);
  // Every sample's system text first: whether they all share one decides the template and each item's input.
  const systemOf = lines.map((line, i) =>
    turnsOf(line)
      .filter((t) => t.role === 'system')
      .map((t) => contentText(t.content, `line ${i + 1}`, skipped) ?? '')
      .join('\n'),
  );
  const systems = new Set(systemOf);
  const items: SourceItem[] = lines.map((line, i) => {
    const users = turnsOf(line).filter((t) => t.role !== 'system');
    const last = users.at(-1);
    const input = typeof line.input === 'string' ? line.input : last ? (contentText(last.content, `line ${i + 1}`, skipped) ?? '') : '';
    const metadata: Record<string, unknown> = {};
    if (users.length > 1) metadata.history = users.slice(0, -1);
    for (const [key, value] of Object.entries(line)) if (key !== 'input' && key !== 'ideal') metadata[key] = value;
    const ideal = Array.isArray(line.ideal) && line.ideal.length === 1 ? line.ideal[0] : (line.ideal ?? null);
    return { input: { input, ...(systems.size > 1 ? { system: systemOf[i] ?? '' } : {}) }, expected: ideal, metadata };
  });
  if (lines.some((l) => Array.isArray(l.input) && l.input.filter((t) => isRecord(t) && t.role !== 'system').length > 1)) {
    skipped.push({ what: 'earlier turns of multi-turn samples', why: 'the prompt renders only the last turn as `{{input}}`; earlier turns are kept in each item’s metadata.history' });
  }
  const [system = ''] = systems;
  const shared = systems.size === 1;
  // Different system messages per sample: each item carries its own as a variable.
  const messages = [
    ...(shared ? (system ? [{ role: 'system' as const, content: system }] : []) : [{ role: 'system' as const, content: '{{system}}' }]),
    { role: 'user' as const, content: '{{input}}' },
  ];
  const prompt: SourcePrompt = {
    slug: slugify(name),
    title: name,
    description: 'The prompt of an OpenAI eval: each sample’s last turn is `{{input}}`',
    tags: ['openai-evals'],
    versions: [{ sourceNumber: 1, messages, notes: 'Imported from OpenAI evals samples' }],
    labels: [],
    deployments: [],
  };
  return { format: 'openai', prompts: [prompt], datasets: [{ name, description: 'Imported from OpenAI evals samples (JSONL)', items }], skipped, experiment: null };
}

/** The Evals API's JSONL: `{"item": {...}}` a line; reference-like keys become the expected answer. */
function parseEvalItems(lines: Record<string, unknown>[], name: string, skipped: Skipped[]): ImportSource {
  let sampled = 0;
  const items = lines.map((line, i): SourceItem => {
    const item = isRecord(line.item) ? { ...line.item } : {};
    if (!isRecord(line.item)) skipped.push({ what: `line ${i + 1}`, why: 'an Evals API line is `{"item": {...}}`' });
    if ('sample' in line) sampled += 1;
    const key = EXPECTED_KEYS.find((k) => k in item);
    const expected = key ? item[key] : null;
    if (key) delete item[key];
    return { input: item, expected, metadata: {} };
  });
  if (sampled) skipped.push({ what: `\`sample\` of ${sampled} line(s)`, why: 'recorded model outputs are not imported; an experiment makes new ones' });
  return { format: 'openai', prompts: [], datasets: [{ name, description: 'Imported from an OpenAI Evals JSONL file', items }], skipped, experiment: null };
}

/** Parses OpenAI prompt objects (JSON) or an eval dataset (JSONL); `name` names the dataset. */
export function parseOpenAi(text: string, { name = 'OpenAI eval samples' }: { name?: string } = {}): ImportSource {
  let root: unknown;
  let lines: unknown[] | null = null;
  try {
    root = readStructured(text, { yaml: false });
  } catch (error) {
    // Not one JSON value: JSON Lines, unless the file was JSON but unsafe (too deep, a NUL).
    if (!(error instanceof ApiError) || !error.message.startsWith('the file is not valid JSON')) throw error;
    lines = readJsonLines(text);
  }
  if (root !== undefined && isRecord(root) && ('item' in root || 'ideal' in root)) lines = [root];
  if (lines) {
    if (!lines.every(isRecord)) throw invalidFile('every line of an eval dataset is a JSON object');
    const skipped: Skipped[] = [];
    if (lines.every((l) => 'item' in l)) return parseEvalItems(lines, name, skipped);
    if (lines.every((l) => 'input' in l)) return parseRegistrySamples(lines, name, skipped);
    throw invalidFile('this is not an OpenAI eval dataset: each line is `{"input": [...], "ideal": "..."}` or `{"item": {...}}`');
  }
  const first = Array.isArray(root) ? root[0] : isRecord(root) && Array.isArray(root.data) ? root.data[0] : root;
  if (!isRecord(first) || typeof first.id !== 'string') {
    throw invalidFile('this is not an OpenAI prompt: send prompt objects (`id`, `version`, `instructions` or `input`, `model`) or an eval dataset as JSON Lines');
  }
  return parsePrompts(root);
}
