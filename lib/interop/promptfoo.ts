import type { EvaluatorSpec } from '@/lib/evaluators/types';
import { slugify } from '@/lib/prompts/slug';
import { mapAssert, EXPECTED_TYPES } from './promptfoo-asserts';
import { PER_TEST_METADATA_KEY, PER_TEST_TYPES, perTestEvaluator, type PerTestAssert } from './promptfoo-per-test';
import { readModelParams } from './model-params';
import { chatMessages, textVersion } from './prompt-text';
import { invalidFile, isRecord, readStructured } from './read-file';
import type { ImportSource, Skipped, SourceExperiment, SourceItem, SourcePrompt } from './source';

/*
 * A promptfoo config (promptfooconfig.yaml) as prompts, one dataset from its tests, evaluators from its assertions
 * and variants from its providers. Files it points at (file://) were not uploaded: they are listed as skipped.
 */

const KNOWN_KEYS = new Set(['description', 'prompts', 'providers', 'tests', 'defaultTest', 'evaluateOptions', 'tags']);

// promptfoo provider prefixes → PromptLab provider ids; the model is what follows (`openai:chat:gpt-4o` → gpt-4o).
const PROVIDERS: Record<string, string> = { openai: 'openai', anthropic: 'anthropic', groq: 'groq', openrouter: 'openrouter', togetherai: 'together', together: 'together', ollama: 'ollama', vllm: 'vllm', lmstudio: 'lmstudio' };
const MODES = new Set(['chat', 'completion', 'messages', 'responses']);

type Variant = SourceExperiment['variants'][number];

function readProvider(raw: unknown, index: number, skipped: Skipped[]): Omit<Variant, 'promptSlug'> | null {
  const entry = typeof raw === 'string' ? { id: raw } : isRecord(raw) ? raw : null;
  const id = entry && typeof entry.id === 'string' ? entry.id : null;
  if (!entry || !id) {
    skipped.push({ what: `providers.${index}`, why: 'a provider needs an `id` like `openai:gpt-4o-mini`' });
    return null;
  }
  const [prefix = '', ...rest] = id.split(':');
  if (rest[0] && MODES.has(rest[0])) rest.shift();
  const provider = PROVIDERS[prefix];
  const model = rest.join(':');
  if (!provider || !model) {
    skipped.push({ what: `provider \`${id}\``, why: provider ? 'name the model after the provider, like `openai:gpt-4o-mini`' : 'PromptLab has no such provider; its experiment variants use openai, anthropic, groq, openrouter, together, ollama, vllm or lmstudio' });
    return null;
  }
  const params = isRecord(entry.config) ? readModelParams(entry.config, `provider \`${id}\` config`, skipped, { ignore: ['apiKey', 'apiKeyEnvar', 'apiBaseUrl', 'apiHost'] }) : {};
  for (const key of Object.keys(entry)) if (!['id', 'label', 'config'].includes(key)) skipped.push({ what: `provider \`${id}\`: ${key}`, why: 'PromptLab variants have no such option' });
  const label = typeof entry.label === 'string' && entry.label.trim() ? entry.label.trim().slice(0, 100) : undefined;
  return { provider, model, ...(Object.keys(params).length ? { params } : {}), ...(label ? { label } : {}) };
}

function readPrompt(raw: unknown, index: number, base: string, skipped: Skipped[]): SourcePrompt | null {
  const entry = typeof raw === 'string' ? { raw } : isRecord(raw) ? raw : null;
  const body = entry ? (typeof entry.raw === 'string' ? entry.raw : typeof entry.id === 'string' && !entry.id.startsWith('file://') ? null : entry.id) : null;
  const what = `prompts.${index}`;
  if (typeof body === 'string' && body.startsWith('file://')) {
    skipped.push({ what: `prompt \`${body}\``, why: 'the prompt is in a file that was not uploaded: paste it inline (a string, or `raw:`)' });
    return null;
  }
  if (!entry || typeof body !== 'string' || body.trim() === '') {
    skipped.push({ what, why: 'a prompt is a string, or an object with `raw` (and an optional `label` or `id`)' });
    return null;
  }
  const label = typeof entry.label === 'string' ? entry.label : typeof entry.id === 'string' && typeof entry.raw === 'string' ? entry.id : null;
  const title = label ?? `${base} prompt ${index + 1}`;
  // Nunjucks blocks and filters are not PromptLab template syntax: {% … %} stays literal text, `{{ x | f }}` fails to parse.
  if (body.includes('{%')) skipped.push({ what: `prompt \`${label ?? what}\``, why: 'nunjucks `{% … %}` blocks are not supported: they are kept as literal text' });
  const chat = chatMessages(body, what, skipped);
  const version = chat === undefined ? textVersion(body) : chat ? { messages: chat } : null;
  if (!version) return null;
  return {
    slug: slugify(label ?? `${base}-${index + 1}`),
    title: title.slice(0, 200),
    description: '',
    tags: ['promptfoo'],
    versions: [{ sourceNumber: 1, ...version, notes: 'Imported from promptfoo' }],
    labels: [],
    deployments: [],
  };
}

type Assertion = { spec: EvaluatorSpec; key: string; test: number; raw: string; value: unknown };

function readTests(config: Record<string, unknown>, skipped: Skipped[]) {
  const defaults = isRecord(config.defaultTest) ? config.defaultTest : {};
  if (typeof config.defaultTest === 'string') skipped.push({ what: 'defaultTest', why: `\`${config.defaultTest}\` is a file that was not uploaded` });
  for (const key of Object.keys(defaults)) if (!['vars', 'assert'].includes(key)) skipped.push({ what: `defaultTest.${key}`, why: 'PromptLab experiments have no such option' });
  const defaultVars = isRecord(defaults.vars) ? defaults.vars : {};
  const evaluators: EvaluatorSpec[] = [];
  for (const [j, raw] of (Array.isArray(defaults.assert) ? defaults.assert : []).entries()) {
    const mapped = mapAssert(raw);
    if ('skip' in mapped) skipped.push({ what: `defaultTest.assert.${j} (\`${mapped.type}\`)`, why: mapped.skip });
    else evaluators.push(mapped.spec);
  }

  if (typeof config.tests === 'string') skipped.push({ what: 'tests', why: `\`${config.tests}\` is a file that was not uploaded: list the tests inline` });
  const tests = Array.isArray(config.tests) ? config.tests : [];
  const items: SourceItem[] = [];
  const perTest: Assertion[] = [];
  tests.forEach((test, i) => {
    if (!isRecord(test)) return skipped.push({ what: `tests.${i}`, why: 'a test is an object with `vars` and `assert`' });
    for (const key of Object.keys(test)) if (!['vars', 'assert', 'description', 'metadata'].includes(key)) skipped.push({ what: `tests.${i}.${key}`, why: 'PromptLab items have no such option' });
    const vars: Record<string, unknown> = { ...defaultVars, ...(isRecord(test.vars) ? test.vars : {}) };
    for (const [name, value] of Object.entries(vars)) {
      if (typeof value === 'string' && value.startsWith('file://')) skipped.push({ what: `tests.${i}.vars.${name}`, why: `\`${value}\` is a file that was not uploaded; the item keeps the path as text` });
      if (Array.isArray(value)) skipped.push({ what: `tests.${i}.vars.${name}`, why: 'promptfoo runs one test per list value; PromptLab keeps the list as one JSON value' });
    }
    let expected: unknown = null;
    for (const [j, raw] of (Array.isArray(test.assert) ? test.assert : []).entries()) {
      const mapped = mapAssert(raw);
      if ('skip' in mapped) {
        skipped.push({ what: `tests.${i}.assert.${j} (\`${mapped.type}\`)`, why: mapped.skip });
        continue;
      }
      let spec = mapped.spec;
      // The first equals/contains-like value becomes the item's expected answer; the evaluator then reads it.
      if (expected === null && !spec.not && EXPECTED_TYPES.has(spec.type) && (typeof mapped.value === 'string' || typeof mapped.value === 'number' || (spec.type === 'equals' && mapped.value !== undefined))) {
        expected = mapped.value;
        const { value: _moved, ...config } = spec.config;
        void _moved;
        spec = { ...spec, config };
      }
      perTest.push({ spec, key: JSON.stringify(spec), test: i, raw: mapped.type, value: mapped.value });
    }
    const metadata: Record<string, unknown> = isRecord(test.metadata) ? { ...test.metadata } : {};
    if (typeof test.description === 'string') metadata.description = test.description;
    items.push({ input: vars, expected, metadata });
  });

  // PromptLab runs every evaluator on every item: an assertion every test shares becomes an evaluator; the others
  // are checked per item from its metadata by one JavaScript evaluator, or reported when they need a model or a clock.
  const byKey = new Map<string, Assertion[]>();
  for (const a of perTest) byKey.set(a.key, [...(byKey.get(a.key) ?? []), a]);
  let perItem = false;
  for (const group of byKey.values()) {
    const first = group[0];
    if (!first) continue;
    if (new Set(group.map((a) => a.test)).size === tests.length) {
      evaluators.push(first.spec);
      continue;
    }
    for (const a of group) {
      const base = a.raw.replace(/^not-/, '');
      if (!PER_TEST_TYPES.has(base)) {
        skipped.push({ what: `tests.${a.test} assertion \`${a.raw}\``, why: 'only some tests have it, and PromptLab runs every evaluator on every item: add it to defaultTest or to every test' });
        continue;
      }
      const item = items[a.test];
      const check: PerTestAssert = { type: base, ...(a.value !== undefined ? { value: a.value } : {}), ...(a.raw.startsWith('not-') ? { not: true } : {}) };
      if (item) item.metadata[PER_TEST_METADATA_KEY] = [...((item.metadata[PER_TEST_METADATA_KEY] as PerTestAssert[] | undefined) ?? []), check];
      perItem = true;
    }
  }
  if (perItem) evaluators.push(perTestEvaluator());
  return { items, evaluators };
}

/** Parses a promptfoo config (YAML or JSON). */
export function parsePromptfoo(text: string): ImportSource {
  const config = readStructured(text, { yaml: true });
  if (!isRecord(config) || (!('prompts' in config) && !('tests' in config))) {
    throw invalidFile('this is not a promptfoo config: it is a YAML or JSON object with `prompts`, `providers` and `tests`');
  }
  const skipped: Skipped[] = [];
  for (const key of Object.keys(config)) if (!KNOWN_KEYS.has(key)) skipped.push({ what: key, why: 'PromptLab does not import this part of a promptfoo config' });
  if (config.tags !== undefined) skipped.push({ what: 'tags', why: 'suite tags are not imported; the prompts are tagged `promptfoo`' });
  const description = typeof config.description === 'string' && config.description.trim() ? config.description.trim() : 'promptfoo';
  const base = slugify(description);

  const rawPrompts = typeof config.prompts === 'string' ? [config.prompts] : Array.isArray(config.prompts) ? config.prompts : [];
  const prompts = rawPrompts.map((p, i) => readPrompt(p, i, base, skipped)).filter((p): p is SourcePrompt => p !== null);
  // providers: a string, a list, or a map of id → options.
  const rawProviders =
    typeof config.providers === 'string'
      ? [config.providers]
      : Array.isArray(config.providers)
        ? config.providers
        : isRecord(config.providers)
          ? Object.entries(config.providers).map(([id, options]) => ({ ...(isRecord(options) ? options : {}), id }))
          : [];
  const providers = rawProviders.map((p, i) => readProvider(p, i, skipped)).filter((p) => p !== null);
  const { items, evaluators } = readTests(config, skipped);

  const options = isRecord(config.evaluateOptions) ? config.evaluateOptions : {};
  for (const key of Object.keys(options)) if (!['repeat', 'maxConcurrency'].includes(key)) skipped.push({ what: `evaluateOptions.${key}`, why: 'PromptLab experiments have no such option' });
  const variants = prompts.flatMap((p) => (providers.length ? providers.map((v) => ({ promptSlug: p.slug, ...v })) : [{ promptSlug: p.slug }]));
  const datasets = items.length ? [{ name: description.slice(0, 200), description: 'Imported from the tests of a promptfoo config', items }] : [];
  const experiment: SourceExperiment | null =
    prompts.length && datasets.length
      ? {
          name: description.slice(0, 200),
          variants,
          evaluators,
          ...(typeof options.repeat === 'number' ? { repeats: options.repeat } : {}),
          ...(typeof options.maxConcurrency === 'number' ? { concurrency: options.maxConcurrency } : {}),
        }
      : null;
  return { format: 'promptfoo', prompts, datasets, skipped, experiment };
}
