import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { CliError, type FieldProblem } from '../errors.js';
import { isSlug } from '../slug.js';

/*
 * PromptLab's own test file (docs/test-file.md): one prompt by slug, the versions to compare (a label, version
 * numbers, or the latest), optional models, cases with vars and an expected value, and evaluators as the API takes them.
 */
export type ModelChoice = { provider: string; model: string; params?: Record<string, unknown>; label?: string };
export type TestCase = { description?: string; vars: Record<string, unknown>; expect?: unknown; metadata?: Record<string, unknown> };
export type EvaluatorSpec = { type: string; config?: Record<string, unknown>; name?: string; weight?: number; threshold?: number; not?: boolean };

export type OwnTestConfig = {
  name?: string;
  prompt: string;
  label?: string;
  versions?: number[];
  models?: ModelChoice[];
  cases: TestCase[];
  evaluators: EvaluatorSpec[];
  threshold?: number;
  repeats?: number;
  concurrency?: number;
};

export type TestFileKind = 'promptlab' | 'promptfoo';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** promptfoo when it has its keys (`prompts`, `providers`, `tests`), PromptLab's when it names one `prompt`. */
export function testFileKind(value: unknown): TestFileKind | null {
  if (!isObject(value)) return null;
  if (typeof value.prompt === 'string' && ('cases' in value || 'evaluators' in value)) return 'promptlab';
  if ('prompts' in value && ('tests' in value || 'providers' in value)) return 'promptfoo';
  return null;
}

export function parseTestYaml(text: string, name: string): unknown {
  try {
    return parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new CliError(`${name} is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : ''}`);
  }
}

const KEYS = new Set(['name', 'prompt', 'label', 'versions', 'models', 'cases', 'evaluators', 'threshold', 'repeats', 'concurrency']);
const MAX_CASES = 10_000;

/** Checks the shape and names every wrong field; the server checks evaluator configs and variables on creation. */
export function readOwnConfig(value: unknown, name: string): OwnTestConfig {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(value)) throw new CliError(`${name} must be a mapping with \`prompt\`, \`cases\` and \`evaluators\``);
  for (const key of Object.keys(value)) if (!KEYS.has(key)) add(key, 'is not a test file field (a typo?)');
  if (!isSlug(value.prompt)) add('prompt', 'is required: the slug of the prompt to test');
  if (value.name !== undefined && typeof value.name !== 'string') add('name', 'must be text');
  if (value.label !== undefined && typeof value.label !== 'string') add('label', 'must be a label name, like `production`');
  if (value.versions !== undefined) {
    if (!Array.isArray(value.versions) || value.versions.length === 0 || !value.versions.every((v) => Number.isInteger(v) && v > 0)) add('versions', 'must be a list of version numbers');
    if (value.label !== undefined) add('versions', 'give `label` or `versions`, not both');
  }
  const models = value.models === undefined ? undefined : Array.isArray(value.models) ? value.models.map((m, i) => readModel(m, `models.${i}`, add)) : (add('models', 'must be a list'), []);
  if (!Array.isArray(value.cases) || value.cases.length === 0) add('cases', 'add at least one case with `vars`');
  else if (value.cases.length > MAX_CASES) add('cases', `at most ${MAX_CASES.toLocaleString('en-US')} cases`);
  else {
    value.cases.forEach((c, i) => {
      if (!isObject(c)) return add(`cases.${i}`, 'must be a mapping with `vars`');
      for (const key of Object.keys(c)) if (!['description', 'vars', 'expect', 'metadata'].includes(key)) add(`cases.${i}.${key}`, 'is not a case field (use `vars`, `expect`, `description`, `metadata`)');
      if (c.vars !== undefined && !isObject(c.vars)) add(`cases.${i}.vars`, 'must be a mapping of variable names to values');
      if (c.metadata !== undefined && !isObject(c.metadata)) add(`cases.${i}.metadata`, 'must be a mapping');
    });
  }
  if (!Array.isArray(value.evaluators) || value.evaluators.length === 0) add('evaluators', 'add at least one evaluator, like `{ type: contains, config: { value: "{{expected}}" } }`');
  else value.evaluators.forEach((e, i) => (isObject(e) && typeof e.type === 'string' ? null : add(`evaluators.${i}.type`, 'is required (equals, contains, regex, llm-judge, …)')));
  for (const [key, min, max] of [['threshold', 0, 1], ['repeats', 1, 20], ['concurrency', 1, 100]] as const) {
    const v = value[key];
    if (v !== undefined && !(typeof v === 'number' && v >= min && v <= max && (key === 'threshold' || Number.isInteger(v)))) add(key, `must be a number from ${min} to ${max}`);
  }
  if (problems.length > 0) throw new CliError(`${name} is not a valid test file`, { fields: problems });
  const cases = (value.cases as Record<string, unknown>[]).map((c) => ({ ...c, vars: (c.vars as Record<string, unknown> | undefined) ?? {} })) as TestCase[];
  return { ...(value as unknown as OwnTestConfig), cases, ...(models ? { models } : {}) };
}

/** `openai/gpt-4o-mini`, `openai:gpt-4o-mini`, or `{ provider, model, params, label }`. */
function readModel(raw: unknown, path: string, add: (path: string, message: string) => void): ModelChoice {
  if (typeof raw === 'string') {
    const match = /^([a-z0-9-]+)[/:](.+)$/.exec(raw);
    if (match?.[1] && match[2]) return { provider: match[1], model: match[2] };
  } else if (isObject(raw) && typeof raw.provider === 'string' && typeof raw.model === 'string') {
    return raw as ModelChoice;
  }
  add(path, 'must be `provider/model` or { provider, model }');
  return { provider: '', model: '' };
}

/** The dataset's name: the file's and a hash of its cases, so an unchanged file reuses its dataset and an edited one gets its own. */
export function datasetNameFor(fileName: string, cases: TestCase[]): string {
  const hash = createHash('sha256').update(JSON.stringify(cases.map((c) => [c.vars, c.expect ?? null, c.description ?? null, c.metadata ?? null]))).digest('hex').slice(0, 12);
  return `cli: ${fileName.slice(0, 150)} ${hash}`;
}

export const datasetItemsFor = (cases: TestCase[]) =>
  cases.map((c) => ({
    input: c.vars,
    ...(c.expect !== undefined ? { expected: c.expect } : {}),
    metadata: { ...(c.metadata ?? {}), ...(c.description ? { description: c.description } : {}) },
  }));
