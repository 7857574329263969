import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as saveVersionRoute from '@/app/api/v1/runs/[id]/save-version/route';
import * as versionsRoute from '@/app/api/v1/prompts/[id]/versions/route';
import { call, createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;
let bob: TestUser;
let promptId: string;

beforeAll(async () => {
  pipeline = await startRunPipeline();
  alice = await createTestUser();
  bob = await createTestUser();
  promptId = (await pipeline.createPrompt(alice, { systemPrompt: 'Be kind.' })).id;
});

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

const bodiesFor = (marker: string) => pipeline.llm.requests.filter((r) => JSON.stringify(r.body).includes(marker)).map((r) => r.body);
const fieldsOf = (res: { body: { error: { details?: { fields?: { path: string }[] } } } }) => res.body.error.details?.fields?.map((f) => f.path);
const saveRun = (user: TestUser, id: string, body: unknown = {}) => call(saveVersionRoute.POST, { method: 'POST', params: { id }, body, headers: user.headers });
const runDraft = async (draft: Record<string, unknown>, variables: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const res = await pipeline.startRun(alice, { promptId, draft, variables, cache: false, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return pipeline.waitForRun(alice, res.body.data.id);
};

const fewShot = [
  { role: 'system', content: 'Classify {{ kind }} reviews.' },
  { role: 'user', content: 'Great value!' },
  { role: 'assistant', content: 'positive' },
  { role: 'user', content: '{{ review }}' },
];

describe('chat templates in runs', () => {
  it('reach OpenAI as every turn in order, and Anthropic with the system turn as its separate system prompt', async () => {
    const chat = await pipeline.createPrompt(alice, { userPrompt: undefined, messages: fewShot });
    const values = { kind: 'hotel', review: 'Noisy rooms (chat-turns)' };
    const openai = await pipeline.waitForRun(alice, (await pipeline.startRun(alice, { promptId: chat.id, variables: values, cache: false })).body.data.id);
    const rendered = [
      { role: 'system', content: 'Classify hotel reviews.' },
      { role: 'user', content: 'Great value!' },
      { role: 'assistant', content: 'positive' },
      { role: 'user', content: 'Noisy rooms (chat-turns)' },
    ];
    expect(openai).toMatchObject({ status: 'succeeded', versionNumber: 1, draft: false, template: null, messages: rendered });
    expect(bodiesFor('chat-turns')[0]?.messages).toEqual(rendered);

    pipeline.llm.reset();
    const anthropicRun = await pipeline.startRun(alice, { promptId: chat.id, variables: values, provider: 'anthropic', model: 'claude-haiku-4-5', cache: false });
    expect((await pipeline.waitForRun(alice, anthropicRun.body.data.id)).status).toBe('succeeded');
    const [sent] = bodiesFor('chat-turns');
    expect(sent?.system).toBe('Classify hotel reviews.');
    expect(sent?.messages).toEqual(rendered.slice(1));
  });
});

describe('draft runs', () => {
  it('run the draft instead of the current version and record exactly what they rendered', async () => {
    const run = await runDraft({ userPrompt: 'Draft about {{ topic }} in {{ style }} (draft-a)' }, { topic: 'owls', style: 'haiku' });
    expect(run).toMatchObject({
      status: 'succeeded',
      draft: true,
      versionNumber: null,
      provider: 'openai',
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'Draft about owls in haiku (draft-a)' },
      ],
      output: 'Echo: Draft about owls in haiku (draft-a)',
      toolCalls: null,
      outputCheck: null,
    });
    // The system prompt the draft left out came from the current version; its variables were auto-declared.
    expect(run.template).toEqual({
      messages: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'Draft about {{ topic }} in {{ style }} (draft-a)' },
      ],
      variables: [
        { name: 'topic', type: 'string', required: true },
        { name: 'style', type: 'string', required: true },
      ],
      model: { provider: 'openai', model: 'gpt-4o-mini' },
    });
  });

  it('keep the current version\'s variables unless they send their own', async () => {
    const res = await pipeline.startRun(alice, { promptId, draft: { userPrompt: 'No topic here' }, variables: {} });
    expect(res.status).toBe(422);
    expect(fieldsOf(res)).toEqual(['variables.topic']);
  });

  it('take the model from the draft, then the request overrides, and run chat drafts', async () => {
    const run = await runDraft(
      { messages: [...fewShot.slice(0, 3), { role: 'user', content: '{{ review }} (draft-b)' }], variables: [], model: { provider: 'anthropic', model: 'claude-haiku-4-5', temperature: 0.2, maxTokens: 50 } },
      { kind: 'film', review: 'Too long' },
      { params: { maxTokens: 80 } },
    );
    expect(run).toMatchObject({ status: 'succeeded', provider: 'anthropic', model: 'claude-haiku-4-5', params: { temperature: 0.2, maxTokens: 80 } });
    const [sent] = bodiesFor('draft-b');
    expect(sent).toMatchObject({ system: 'Classify film reviews.', max_tokens: 80 });
    // The template records the settings that ran, the override included.
    expect(run.template.model).toEqual({ provider: 'anthropic', model: 'claude-haiku-4-5', temperature: 0.2, maxTokens: 80 });
  });

  it('are refused with the field named: a version number too, a broken turn, a misplaced system turn, a bad schema', async () => {
    const both = await pipeline.startRun(alice, { promptId, versionNumber: 1, draft: { userPrompt: 'x' } });
    expect(both.status).toBe(422);
    expect(fieldsOf(both)).toEqual(['versionNumber']);
    const broken = await pipeline.startRun(alice, { promptId, draft: { messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: '{{ oops' }] } });
    expect(broken.status).toBe(422);
    expect(fieldsOf(broken)).toEqual(['draft.messages.1.content']);
    const late = await pipeline.startRun(alice, { promptId, draft: { messages: [{ role: 'user', content: 'a' }, { role: 'system', content: 'b' }] } });
    expect(fieldsOf(late)).toContain('draft.messages.1.role');
    const schema = await pipeline.startRun(alice, {
      promptId,
      draft: { model: { provider: 'openai', model: 'gpt-4o-mini', responseSchema: { name: 'out', schema: { type: 12 } } } },
      variables: { topic: 'x' },
    });
    expect(schema.status).toBe(422);
    expect(fieldsOf(schema)).toEqual(['draft.model.responseSchema.schema']);
    expect(pipeline.llm.requests).toEqual([]);
  });

  it('of a chat prompt are refused in the simple form, which would drop its few-shot turns', async () => {
    const chat = await pipeline.createPrompt(alice, { userPrompt: undefined, messages: fewShot });
    for (const draft of [{ userPrompt: '{{ review }} (draft-j)' }, { systemPrompt: 'Classify (draft-j)' }]) {
      const res = await pipeline.startRun(alice, { promptId: chat.id, draft, variables: { kind: 'x', review: 'y' } });
      expect(res.status).toBe(422);
      expect(fieldsOf(res)).toEqual(['draft.messages']);
    }
    // Nothing is filled from the version: left out, all its turns run; a whole simple pair runs as itself.
    const modelOnly = await runDraft({ model: { provider: 'openai', model: 'gpt-4o' } }, {}, { promptId: chat.id, variables: { kind: 'x', review: 'y (draft-j)' } });
    expect(modelOnly.messages).toHaveLength(4);
    const pair = await runDraft({ systemPrompt: '', userPrompt: '{{ review }}', variables: [] }, {}, { promptId: chat.id, variables: { review: 'z (draft-j)' } });
    expect(pair.messages).toEqual([{ role: 'user', content: 'z (draft-j)' }]);
    expect(bodiesFor('draft-j')).toHaveLength(2);
  });

  it('answer from the cache for the same draft and values', async () => {
    const draft = { userPrompt: 'Cached {{ topic }} (draft-c)' };
    const first = await runDraft(draft, { topic: 'x' }, { cache: true });
    const second = await runDraft(draft, { topic: 'x' }, { cache: true });
    expect(second).toMatchObject({ cached: true, sourceRunId: first.id, draft: true, template: first.template });
  });

  it('never answer from another workspace\'s cache for the same draft', async () => {
    const bobPrompt = (await pipeline.createPrompt(bob, { systemPrompt: 'Be kind.' })).id;
    const draft = { userPrompt: 'Shared {{ topic }} (draft-h)' };
    const first = await runDraft(draft, { topic: 'x' }, { cache: true });
    const res = await pipeline.startRun(bob, { promptId: bobPrompt, draft, variables: { topic: 'x' }, cache: true });
    expect(res.status).toBe(202);
    const second = await pipeline.waitForRun(bob, res.body.data.id);
    expect(second).toMatchObject({ status: 'succeeded', cached: false, sourceRunId: null, messages: first.messages });
    expect(bodiesFor('draft-h')).toHaveLength(2);
  });

  it('answer from the cache for a draft whose run was saved as a version before it finished', async () => {
    // The first attempt fails, so the run is saved while it waits to be claimed again.
    pipeline.llm.enqueue({ kind: 'status', status: 500 });
    const draft = { userPrompt: 'Linked {{ topic }} (draft-k)' };
    const res = await pipeline.startRun(alice, { promptId, draft, variables: { topic: 'x' }, cache: true });
    await pipeline.waitForRun(alice, res.body.data.id, (status) => status === 'queued' && pipeline.llm.requests.length > 0);
    expect((await saveRun(alice, res.body.data.id)).status).toBe(201);
    const first = await pipeline.waitForRun(alice, res.body.data.id);
    expect(first).toMatchObject({ status: 'succeeded', attempts: 2, draft: true, versionNumber: expect.any(Number) });
    const second = await runDraft(draft, { topic: 'x' }, { cache: true });
    expect(second).toMatchObject({ cached: true, sourceRunId: first.id });
  });

  it('are filtered in the history with draft=true|false', async () => {
    const run = await runDraft({ userPrompt: 'Listed (draft-d)', variables: [] }, {});
    const list = (draft: string) => call(pipeline.routes.runs.GET, { path: `/api/v1/runs?promptId=${promptId}&draft=${draft}`, headers: alice.headers });
    const drafts = (await list('true')).body.data.items;
    expect(drafts.map((r: { id: string }) => r.id)).toContain(run.id);
    expect(drafts.every((r: { draft: boolean }) => r.draft)).toBe(true);
    const saved = (await list('false')).body.data.items;
    expect(saved.map((r: { id: string }) => r.id)).not.toContain(run.id);
    expect((await list('maybe')).status).toBe(422);
  });
});

describe('save as version', () => {
  it('saves a draft run as the next version and links the run to it, once', async () => {
    const run = await runDraft({ userPrompt: 'Saved {{ topic }} (draft-e)', model: { provider: 'openai', model: 'gpt-4o' } }, { topic: 'x' });
    const current = (await call(versionsRoute.GET, { params: { id: promptId }, headers: alice.headers })).body.data.items[0].versionNumber;
    const res = await saveRun(alice, run.id, { notes: 'from the playground', baseVersionNumber: current });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      versionNumber: current + 1,
      format: 'simple',
      systemPrompt: 'Be kind.',
      userPrompt: 'Saved {{ topic }} (draft-e)',
      model: { provider: 'openai', model: 'gpt-4o' },
      notes: 'from the playground',
    });
    expect(await pipeline.getRun(alice, run.id).then((r) => r.body.data)).toMatchObject({ versionNumber: current + 1, draft: true });

    const again = await saveRun(alice, run.id);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(`version ${current + 1}`);
    expect((await saveRun(bob, run.id)).status).toBe(404);
  });

  it('saves the model that ran: the provider, model and params the request overrode', async () => {
    const run = await runDraft(
      { userPrompt: 'Winner {{ topic }} (draft-i)', model: { provider: 'openai', model: 'gpt-4o', temperature: 0.1, maxTokens: 40 } },
      { topic: 'x' },
      { provider: 'anthropic', model: 'claude-haiku-4-5', params: { temperature: 0.7, topP: 0.9 } },
    );
    expect(run).toMatchObject({ status: 'succeeded', provider: 'anthropic', model: 'claude-haiku-4-5' });
    const saved = await saveRun(alice, run.id);
    expect(saved.status).toBe(201);
    expect(saved.body.data.model).toEqual({ provider: 'anthropic', model: 'claude-haiku-4-5', temperature: 0.7, maxTokens: 40, topP: 0.9 });
  });

  it('keeps a chat draft a chat version, refuses a stale base and runs of versions', async () => {
    const run = await runDraft({ messages: [{ role: 'user', content: 'Q' }, { role: 'assistant', content: 'A' }, { role: 'user', content: '{{ q }} (draft-f)' }], variables: [] }, { q: 'x' });
    const stale = await saveRun(alice, run.id, { baseVersionNumber: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ currentVersionNumber: expect.any(Number) });
    const saved = await saveRun(alice, run.id);
    expect(saved.status).toBe(201);
    expect(saved.body.data).toMatchObject({ format: 'chat', userPrompt: '{{ q }} (draft-f)', notes: `Saved from draft run ${run.id.slice(0, 8)}` });

    const versionRun = await pipeline.startRun(alice, { promptId, versionNumber: 1, variables: { topic: 'y' }, cache: false });
    expect(versionRun.status).toBe(202);
    const notDraft = await saveRun(alice, versionRun.body.data.id);
    expect(notDraft.status).toBe(409);
    expect((await saveRun(alice, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('save as version, twice at once', () => {
  it('saves one version: the other request finds the run linked and answers 409', async () => {
    // The prompt is a chat template by now (saved above), so the draft is one too.
    const run = await runDraft({ messages: [{ role: 'user', content: 'Raced (draft-g)' }], variables: [] }, {});
    const before = (await call(versionsRoute.GET, { params: { id: promptId }, headers: alice.headers })).body.data.items.length;
    const results = await Promise.all([saveRun(alice, run.id), saveRun(alice, run.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const after = (await call(versionsRoute.GET, { params: { id: promptId }, headers: alice.headers })).body.data.items.length;
    expect(after).toBe(before + 1);
  });
});

describe('variables as text', () => {
  it('takes a number or boolean for a string variable as its text, and still refuses an object', async () => {
    // The README's example, plus a boolean.
    const { id } = await pipeline.createPrompt(alice, { userPrompt: 'Summarise {{text}} in {{n}} sentences, loud: {{ loud }}' });
    const res = await pipeline.startRun(alice, { promptId: id, variables: { text: 'The tide came in (as-text).', n: 2, loud: true }, cache: false });
    expect(res.status).toBe(202);
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({
      variables: { n: '2', loud: 'true' },
      messages: [{ role: 'user', content: 'Summarise The tide came in (as-text). in 2 sentences, loud: true' }],
    });
    const object = await pipeline.startRun(alice, { promptId: id, variables: { text: 'x', n: { a: 1 }, loud: 'no' } });
    expect(object.status).toBe(422);
    expect(fieldsOf(object)).toEqual(['variables.n']);
  });
});
