import { isMap, parseDocument, stringify, type Document } from 'yaml';
import type { components } from '../generated/api.js';
import { CliError, type FieldProblem } from './errors.js';
import { isSlug, MAX_SLUG_LENGTH } from './slug.js';

/*
 * One prompt as a file, `<slug>.prompt.yaml` (documented in docs/prompt-file.md). Field names are the API's, so a
 * file reads like the version the UI shows; `version` and `labels` say where it came from and are never pushed.
 */
export type TemplateMessage = { role: 'system' | 'user' | 'assistant'; content: string };
export type VariableDef = { name: string; type?: string; required?: boolean; default?: unknown; description?: string };
export type ModelConfig = { provider: string; model: string } & Record<string, unknown>;

export type PromptFile = {
  slug: string;
  title: string;
  description?: string;
  tags?: string[];
  version?: number;
  labels?: Record<string, number | string>;
  model?: ModelConfig;
  variables?: VariableDef[];
  systemPrompt?: string;
  userPrompt?: string;
  messages?: TemplateMessage[];
  notes?: string;
};

/** The part of a file that makes a version: a push saves a new one only when this differs from the latest. */
export type FileContent = Pick<PromptFile, 'systemPrompt' | 'userPrompt' | 'messages' | 'variables' | 'model'>;

/** What the CLI reads from GET /api/v1/prompts/{id} (the OpenAPI document's types, narrowed to the fields it uses). */
type Schemas = components['schemas'];
export type ServerVersion = Pick<Schemas['VersionView'], 'versionNumber' | 'systemPrompt' | 'userPrompt' | 'messages' | 'format' | 'variables' | 'model'>;
export type ServerPrompt = Pick<Schemas['PromptView'], 'id' | 'slug' | 'title' | 'description' | 'tags'> & { currentVersion: ServerVersion | null };
export type LabelSummary = Pick<Schemas['LabelView'], 'name' | 'targets' | 'virtual'>;

export const PROMPT_FILE_SUFFIX = '.prompt.yaml';
export const MAX_PROMPT_FILE_BYTES = 1024 * 1024;
const HEADER = '# PromptLab prompt (format: packages/promptlab/docs/prompt-file.md). `version` and `labels` are read-only.\n';

/** A label as the file shows it: `3`, or `"3:90, 4:10"` for a split. */
const labelValue = (label: LabelSummary): number | string =>
  label.targets.length === 1 && label.targets[0] ? label.targets[0].versionNumber : label.targets.map((t) => `${t.versionNumber}:${t.weight}`).join(', ');

export function promptToFile(prompt: ServerPrompt, labels: LabelSummary[] = []): PromptFile {
  const version = prompt.currentVersion;
  const file: PromptFile = { slug: prompt.slug, title: prompt.title };
  if (prompt.description) file.description = prompt.description;
  if (prompt.tags.length > 0) file.tags = prompt.tags;
  if (!version) return file;
  file.version = version.versionNumber;
  const real = labels.filter((l) => !l.virtual && l.targets.length > 0);
  if (real.length > 0) file.labels = Object.fromEntries(real.map((l) => [l.name, labelValue(l)]));
  file.model = version.model;
  file.variables = version.variables;
  if (version.format === 'chat') file.messages = version.messages;
  else {
    if (version.systemPrompt) file.systemPrompt = version.systemPrompt;
    file.userPrompt = version.userPrompt;
  }
  return file;
}

/** YAML with block scalars for multi-line templates, so a diff of a prompt reads like a diff of text. */
export function formatPromptFile(file: PromptFile): string {
  return HEADER + stringify(file, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false });
}

export function parsePromptFile(text: string, name: string): { file: PromptFile; document: Document } {
  if (text.length > MAX_PROMPT_FILE_BYTES) throw new CliError(`${name} is larger than 1 MB`);
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) throw new CliError(`${name} is not valid YAML: ${document.errors[0]?.message.split('\n')[0]}`);
  const value: unknown = document.toJS({ maxAliasCount: 100 });
  const problems = checkPromptFile(value);
  if (problems.length > 0) throw new CliError(`${name} is not a valid prompt file`, { fields: problems });
  return { file: value as PromptFile, document };
}

const KNOWN_KEYS = new Set(['slug', 'title', 'description', 'tags', 'version', 'labels', 'model', 'variables', 'systemPrompt', 'userPrompt', 'messages', 'notes']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The shape only; the server checks the content itself (template syntax, model settings) on push. */
function checkPromptFile(value: unknown): FieldProblem[] {
  if (!isObject(value)) return [{ path: '', message: 'must be a mapping with `slug`, `title` and templates' }];
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  for (const key of Object.keys(value)) if (!KNOWN_KEYS.has(key)) add(key, 'is not a prompt file field (a typo?)');
  if (!isSlug(value.slug)) add('slug', `is required: lowercase letters, digits and single dashes, at most ${MAX_SLUG_LENGTH} characters`);
  if (typeof value.title !== 'string' || value.title.trim() === '') add('title', 'is required');
  for (const key of ['description', 'systemPrompt', 'userPrompt', 'notes'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') add(key, 'must be text');
  }
  if (value.tags !== undefined && !(Array.isArray(value.tags) && value.tags.every((t) => typeof t === 'string'))) add('tags', 'must be a list of text');
  if (value.version !== undefined && !(Number.isInteger(value.version) && (value.version as number) > 0)) add('version', 'must be a version number');
  if (value.model !== undefined && !(isObject(value.model) && typeof value.model.provider === 'string' && typeof value.model.model === 'string')) {
    add('model', 'must have `provider` and `model`');
  }
  if (value.variables !== undefined) {
    if (!Array.isArray(value.variables)) add('variables', 'must be a list');
    else value.variables.forEach((v, i) => (isObject(v) && typeof v.name === 'string' ? null : add(`variables.${i}.name`, 'is required')));
  }
  if (value.messages !== undefined) {
    if (value.systemPrompt !== undefined || value.userPrompt !== undefined) add('messages', 'use either `messages` or `systemPrompt`/`userPrompt`, not both');
    if (!Array.isArray(value.messages)) add('messages', 'must be a list of { role, content }');
    else {
      value.messages.forEach((m, i) => {
        if (!isObject(m) || !['system', 'user', 'assistant'].includes(String(m.role))) add(`messages.${i}.role`, 'must be `system`, `user` or `assistant`');
        else if (typeof m.content !== 'string') add(`messages.${i}.content`, 'must be text');
      });
    }
  } else if (typeof value.userPrompt !== 'string') add('userPrompt', 'is required (or give `messages`)');
  return problems;
}

/** The body of POST /prompts/{id}/versions (or the content part of POST /prompts). */
export function versionBody(file: PromptFile): Record<string, unknown> {
  const body: Record<string, unknown> = file.messages ? { messages: file.messages } : { systemPrompt: file.systemPrompt ?? '', userPrompt: file.userPrompt };
  if (file.variables) body.variables = file.variables;
  if (file.model) body.model = file.model;
  if (file.notes) body.notes = file.notes;
  return body;
}

const normalizeVariables = (defs: VariableDef[]) =>
  defs.map((d) => ({ name: d.name, type: d.type ?? 'string', required: d.required ?? true, default: d.default, description: d.description || undefined }));

const turnsOf = (c: { systemPrompt?: string; userPrompt?: string; messages?: TemplateMessage[] | null }): TemplateMessage[] =>
  c.messages ?? [...(c.systemPrompt ? [{ role: 'system' as const, content: c.systemPrompt }] : []), { role: 'user' as const, content: c.userPrompt ?? '' }];

/** Whether the file's content is what the server's latest version already holds (fields the file leaves out carry over). */
export function sameContent(file: FileContent, version: ServerVersion): boolean {
  if (canonical(turnsOf(file)) !== canonical(version.messages)) return false;
  if (Boolean(file.messages) !== (version.format === 'chat')) return false;
  if (file.variables && canonical(normalizeVariables(file.variables)) !== canonical(normalizeVariables(version.variables))) return false;
  if (file.model && canonical(file.model) !== canonical(version.model)) return false;
  return true;
}

/** JSON with sorted keys and no undefined values: equal content, equal text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => [k, v[k]])) : v,
  );
}

/** Rewrites `version` (and the server's reconciled `variables`) after a push, keeping the file's comments and layout. */
export function updateFileAfterPush(document: Document, version: ServerVersion): string {
  document.set('version', version.versionNumber);
  if (isMap(document.contents) && document.has('variables')) document.set('variables', document.createNode(version.variables));
  return document.toString({ lineWidth: 0, blockQuote: 'literal' });
}
