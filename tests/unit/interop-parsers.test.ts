import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { parseImport } from '@/lib/interop/parse-import';
import { planImport } from '@/lib/interop/import-plan';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../fixtures/interop', name), 'utf8');
const whats = (skipped: { what: string }[]) => skipped.map((s) => s.what);
const empty = { prompts: [], datasets: [], datasetCount: 0 };

function rejects(run: () => unknown, code: string, pattern: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(code);
    expect((error as ApiError).message).toMatch(pattern);
    return;
  }
  throw new Error('expected a rejection');
}

describe('promptfoo config', () => {
  const source = parseImport('promptfoo', fixture('promptfoo/promptfooconfig.yaml'));

  it('turns inline prompts into prompts (text and chat) and lists the file:// one', () => {
    expect(source.prompts.map((p) => p.slug)).toEqual(['triage-short', 'triage-chat']);
    expect(source.prompts[0]?.versions[0]?.userPrompt).toContain('Ticket: {{ticket}}');
    expect(source.prompts[1]?.versions[0]?.messages?.map((m) => m.role)).toEqual(['system', 'user']);
    expect(whats(source.skipped)).toContain('prompt `file://prompts/triage_long.txt`');
  });

  it('makes one dataset from the tests: vars with defaults as input, the first icontains value as expected', () => {
    const [dataset] = source.datasets;
    expect(dataset?.name).toBe('Support reply triage');
    expect(dataset?.items).toHaveLength(3);
    expect(dataset?.items[0]).toEqual({ input: { product: 'Acme Cloud', ticket: 'I was charged twice this month, please refund one payment.' }, expected: 'billing', metadata: { description: 'refund request' } });
  });

  it('maps assertions to evaluators with not, threshold and weight, and names the ones it cannot map', () => {
    const evaluators = source.experiment?.evaluators ?? [];
    expect(evaluators).toContainEqual({ type: 'contains', config: { value: "I'm sorry" }, not: true });
    expect(evaluators).toContainEqual({ type: 'latency', config: { ms: 5000 } });
    expect(evaluators).toContainEqual({ type: 'llm-judge', config: { rubric: 'The answer is a single category word', passThreshold: 0.7 }, weight: 2 });
    // Every test has icontains: one evaluator reading {{expected}}.
    expect(evaluators).toContainEqual({ type: 'icontains', config: {} });
    const skipped = whats(source.skipped);
    expect(skipped).toContain('defaultTest.assert.3 (`similar`)');
    expect(skipped).toContain('tests.2.assert.1 (`is-valid-openai-tools-call`)');
    // Only one test has the javascript check: reported, not applied to every item.
    expect(skipped).toContain('tests.1 assertion `javascript`');
    expect(skipped).toEqual(expect.arrayContaining(['provider `vertex:gemini-1.5-flash`', 'provider `anthropic:messages:claude-3-5-haiku-20241022` config: top_k', 'evaluateOptions.delay', 'outputPath']));
  });

  it('builds variants from providers × prompts with their settings', () => {
    const variants = source.experiment?.variants ?? [];
    expect(variants).toHaveLength(4);
    expect(variants).toContainEqual({ promptSlug: 'triage-chat', provider: 'anthropic', model: 'claude-3-5-haiku-20241022', params: { temperature: 0, maxTokens: 64 }, label: 'haiku' });
    expect(variants).toContainEqual({ promptSlug: 'triage-short', provider: 'openai', model: 'gpt-4o-mini' });
    expect(source.experiment?.concurrency).toBe(4);
  });

  it('reads providers given as a map, and reports suite tags and nunjucks blocks', () => {
    const source = parseImport('promptfoo', 'tags: { team: support }\nprompts: ["{% if vip %}Dear{% endif %} {{name}}"]\nproviders: { "openai:gpt-4o": { config: { temperature: 0.1 } } }\ntests: [{ vars: { name: Ada, vip: true } }]');
    expect(source.experiment?.variants).toEqual([{ promptSlug: 'promptfoo-1', provider: 'openai', model: 'gpt-4o', params: { temperature: 0.1 } }]);
    expect(source.skipped.map((s) => s.what)).toEqual(expect.arrayContaining(['tags', 'prompt `prompts.0`']));
  });

  it('refuses what is not a promptfoo config, YAML tags and alias bombs', () => {
    rejects(() => parseImport('promptfoo', 'just: text'), 'INVALID_INPUT', /not a promptfoo config/);
    rejects(() => parseImport('promptfoo', 'prompts: !!binary aGk='), 'INVALID_INPUT', /YAML feature/);
    rejects(() => parseImport('promptfoo', 'prompts: [a\n  b: ['), 'INVALID_INPUT', /not valid YAML/);
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`), 'prompts: *i'].join('\n');
    rejects(() => parseImport('promptfoo', bomb), 'INVALID_INPUT', /could not be read as YAML|alias/i);
    rejects(() => parseImport('promptfoo', 'prompts: ["a\u0000b"]'), 'INVALID_INPUT', /NUL/);
    const deep = `{"prompts": ["x"], "tests": [{"vars": {"v": ${'['.repeat(200)}${']'.repeat(200)}}}]}`;
    rejects(() => parseImport('promptfoo', deep), 'INVALID_INPUT', /deep|nest/i);
  });
});

describe('Langfuse prompts', () => {
  const source = parseImport('langfuse', fixture('langfuse/prompts.json'));

  it('groups versions by name with their config, labels and commit messages', () => {
    const critic = source.prompts.find((p) => p.slug === 'movie-critic');
    expect(critic?.versions.map((v) => v.sourceNumber)).toEqual([1, 2]);
    expect(critic?.versions[1]).toMatchObject({ userPrompt: expect.stringContaining('score from 1 to 10'), notes: 'ask for a score', model: { provider: 'openai', model: 'gpt-4o', temperature: 0.3, maxTokens: 200 } });
    expect(critic?.labels).toEqual([{ name: 'production', targets: [{ versionNumber: 2, weight: 100 }], protected: false }]);
    expect(critic?.tags).toEqual(['movies']);
  });

  it('imports chat prompts, reports placeholders, odd labels, unknown config and content-less list entries', () => {
    const agent = source.prompts.find((p) => p.slug === 'support-agent');
    expect(agent?.versions[0]?.messages).toEqual([
      { role: 'system', content: 'You are a support agent for {{company}}. Be brief and friendly.' },
      { role: 'user', content: '{{question}}' },
    ]);
    expect(agent?.versions[0]?.model?.provider).toBe('anthropic');
    expect(agent?.labels.map((l) => l.name).sort()).toEqual(['production-eu', 'staging']);
    const skipped = whats(source.skipped);
    expect(skipped).toContain('prompt `support/agent` v1.prompt.1 (placeholder `history`)');
    expect(skipped).toContain('prompt `movie-critic` v2 config: supported_languages');
    expect(skipped).toContain('prompt `summarizer`');
  });

  it('refuses files that are not Langfuse prompts', () => {
    rejects(() => parseImport('langfuse', '{"hello": 1}'), 'INVALID_INPUT', /not Langfuse prompt JSON/);
    rejects(() => parseImport('langfuse', ''), 'INVALID_INPUT', /empty/);
  });
});

describe('OpenAI', () => {
  it('reads dashboard prompt objects: versions by id, instructions as system, variable defaults, unsupported parts', () => {
    const source = parseImport('openai', fixture('openai/prompts.json'));
    const weather = source.prompts.find((p) => p.slug === 'weather-reporter');
    expect(weather?.versions).toHaveLength(2);
    expect(weather?.versions[0]).toMatchObject({
      messages: [
        { role: 'system', content: 'You are a cheerful weather reporter. Keep it under 50 words.' },
        { role: 'user', content: 'What is the weather in {{city}} today?' },
      ],
      model: { provider: 'openai', model: 'gpt-4.1-mini', temperature: 0.8, maxTokens: 120 },
      variables: [{ name: 'city', type: 'string', required: false, default: 'San Francisco' }],
    });
    const sql = source.prompts.find((p) => p.slug === 'sql-explainer');
    expect(sql?.versions[0]?.messages?.[0]).toEqual({ role: 'system', content: 'Explain SQL queries to beginners.' });
    expect(whats(source.skipped)).toEqual(expect.arrayContaining(['prompt `Weather reporter` v2.tools', 'prompt `Weather reporter` v2.messages.1.content.1 (`input_image`)', 'prompt `SQL explainer` v1.text', 'prompt `SQL explainer` v1.reasoning']));
  });

  it('reads an evals registry JSONL as a prompt and a dataset with ideal answers', () => {
    const source = parseImport('openai', fixture('openai/evals-samples.jsonl'), { name: 'Capitals' });
    expect(source.prompts[0]?.versions[0]?.messages).toEqual([
      { role: 'system', content: 'Answer with the capital city only.' },
      { role: 'user', content: '{{input}}' },
    ]);
    const items = source.datasets[0]?.items ?? [];
    expect(items.map((i) => i.expected)).toEqual(['Paris', 'Tokyo', 'Canberra', 'Brasília']);
    expect(items[3]?.input).toEqual({ input: 'And of Brazil?' });
    expect(items[3]?.metadata.history).toHaveLength(2);
  });

  it('reads the Evals API JSONL: item fields as input, reference as expected, samples reported', () => {
    const source = parseImport('openai', fixture('openai/evals-items.jsonl'));
    expect(source.datasets[0]?.items[0]).toEqual({ input: { ticket: 'My card was charged twice', correct_label: 'billing' }, expected: 'billing', metadata: {} });
    expect(whats(source.skipped)).toContain('`sample` of 1 line(s)');
  });

  it('names the bad line of a JSONL file', () => {
    rejects(() => parseImport('openai', '{"item": {}}\n{oops'), 'INVALID_INPUT', /line 2/);
  });
});

describe('the PromptLab bundle', () => {
  const bundle = {
    format: 'promptlab.bundle',
    version: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    workspace: { name: 'A' },
    prompts: [
      {
        slug: 'greet',
        title: 'Greet',
        description: '',
        tags: [],
        versions: [1, 2].map((n) => ({ versionNumber: n, systemPrompt: '', userPrompt: `Hi {{name}} ${n}`, messages: null, variables: [{ name: 'name', type: 'string', required: true }], model: { provider: 'local', model: 'promptlab-local' }, notes: '', createdAt: '2026-01-01T00:00:00.000Z' })),
        labels: [{ name: 'production', targets: [{ versionNumber: 1, weight: 100 }], protected: true }],
        deployments: [
          { label: 'production', action: 'move', from: null, to: [{ versionNumber: 2, weight: 100 }], note: '', rollbackOf: null, createdAt: '2026-01-02T00:00:00.000Z' },
          { label: 'production', action: 'rollback', from: [{ versionNumber: 2, weight: 100 }], to: [{ versionNumber: 1, weight: 100 }], note: 'bad', rollbackOf: 0, createdAt: '2026-01-03T00:00:00.000Z' },
        ],
      },
    ],
    datasets: [{ name: 'People', description: '', items: [{ input: { name: 'Ada' }, expected: 'Hi Ada', metadata: {} }] }],
  };

  it('reads a bundle (bare or in the API envelope) and plans everything as new in an empty workspace', () => {
    for (const text of [JSON.stringify(bundle), JSON.stringify({ data: bundle, error: null })]) {
      const plan = planImport(parseImport('promptlab', text), empty, { canProtect: true });
      expect(plan.prompts[0]?.versions.map((v) => [v.versionNumber, v.create])).toEqual([[1, true], [2, true]]);
      expect(plan.prompts[0]?.labels).toEqual([{ name: 'production', targets: [{ versionNumber: 1, weight: 100 }], protected: true }]);
      expect(plan.prompts[0]?.deployments[1]).toMatchObject({ action: 'rollback', rollbackOf: 0 });
      expect(plan.datasets).toMatchObject([{ name: 'People', existingId: null }]);
    }
  });

  it('plans nothing new against a workspace that has it all, and renames a dataset whose items differ', () => {
    const source = parseImport('promptlab', JSON.stringify(bundle));
    const first = planImport(source, empty, { canProtect: false });
    expect(whats(first.skipped)).toContain('label `production` of `greet`');
    const state = {
      prompts: [{ id: 'p1', slug: 'greet', title: 'Greet', description: '', tags: [], versions: first.prompts[0]!.versions.map((v) => ({ versionNumber: v.versionNumber, content: v.content })), labels: [{ name: 'production', targets: [{ versionNumber: 1, weight: 100 }] }] }],
      datasets: [{ id: 'd1', name: 'People', items: [{ input: { name: 'Ada' }, expected: 'Hi Ada', metadata: {} }] }],
      datasetCount: 1,
    };
    const again = planImport(source, state, { canProtect: true });
    expect(again.prompts[0]?.versions.every((v) => !v.create)).toBe(true);
    expect(again.prompts[0]?.labels).toEqual([]);
    expect(again.datasets[0]?.existingId).toBe('d1');
    const changed = planImport(source, { ...state, datasets: [{ ...state.datasets[0]!, items: [] }] }, { canProtect: true });
    expect(changed.datasets[0]).toMatchObject({ name: 'People (2)', existingId: null });
  });

  it('holds bundle labels to the label rules: `latest`, bad splits, duplicates and the 50-label cap are skipped; splits are sorted', () => {
    const prompt = bundle.prompts[0]!;
    const target = (versionNumber: number, weight = 100) => ({ versionNumber, weight });
    const labels = [
      { name: 'latest', targets: [target(1)], protected: false },
      { name: 'twice', targets: [target(1, 50), target(1, 50)], protected: false },
      { name: 'canary', targets: [target(2, 10), target(1, 90)], protected: false },
      { name: 'canary', targets: [target(1)], protected: false },
      { name: 'half', targets: [target(1, 50)], protected: false },
      ...Array.from({ length: 50 }, (_, i) => ({ name: `l${i}`, targets: [target(1)], protected: false })),
    ];
    const text = JSON.stringify({ ...bundle, prompts: [{ ...prompt, labels, deployments: [] }] });
    const plan = planImport(parseImport('promptlab', text), empty, { canProtect: true });
    const planned = plan.prompts[0]!.labels;
    expect(planned[0]).toEqual({ name: 'canary', targets: [target(1, 90), target(2, 10)], protected: false });
    expect(planned).toHaveLength(50);
    const why = (name: string) => plan.skipped.filter((s) => s.what === `label \`${name}\` of \`greet\``).map((s) => s.why);
    expect(why('latest')).toEqual([expect.stringMatching(/latest/)]);
    expect(why('twice')).toEqual([expect.stringMatching(/appears twice/)]);
    expect(why('canary')).toEqual([expect.stringMatching(/twice for the prompt/)]);
    expect(why('half')).toEqual([expect.stringMatching(/weight 100/)]);
    expect(why('l49')).toEqual([expect.stringMatching(/at most 50 labels/)]);
  });

  it('refuses hostile nesting and oversized YAML as 4xx before any importer walks them', () => {
    const deep = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    rejects(() => parseImport('langfuse', `[{"name": "x", "version": 1, "prompt": "hi", "config": {"model": "m", "temperature": ${deep(5000)}}}]`), 'INVALID_INPUT', /deep|nest/i);
    rejects(() => parseImport('promptfoo', `{"prompts": ["x"], "tests": [{"assert": [{"type": "is-json", "value": ${deep(5000)}}]}]}`), 'INVALID_INPUT', /deep|nest/i);
    rejects(() => parseImport('openai', `{"id": "pmpt_1", "input": ${deep(5000)}}`), 'INVALID_INPUT', /deep|nest/i);
    rejects(() => parseImport('promptfoo', `prompts:\n${'  - x\n'.repeat(200_000)}`), 'PAYLOAD_TOO_LARGE', /YAML files are read up to 1 MB/);
  });

  it('refuses unknown fields and another format, naming the field', () => {
    rejects(() => parseImport('promptlab', JSON.stringify({ ...bundle, format: 'other' })), 'INVALID_INPUT', /not a PromptLab bundle v1/);
    expect(() => parseImport('promptlab', JSON.stringify({ ...bundle, extra: 1 }))).toThrow(/extra|Unrecognized/);
  });
});
