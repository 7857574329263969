/**
 * Runs with a response schema and tools, end to end: the reply checked and the check stored, tool calls recorded,
 * both copied by a cache hit, and unusable schemas refused before anything runs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;

const person = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
  required: ['name', 'age'],
  additionalProperties: false,
};
const lookup = { name: 'lookup_order', parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } };

beforeAll(async () => {
  pipeline = await startRunPipeline();
  alice = await createTestUser();
});
afterAll(async () => {
  await pipeline?.close();
});
beforeEach(() => pipeline.llm.reset());

async function promptWith(model: Record<string, unknown>) {
  return (await pipeline.createPrompt(alice, { model: { provider: 'openai', model: 'gpt-4o-mini', ...model } })).id;
}

async function runOf(body: Record<string, unknown>) {
  const res = await pipeline.startRun(alice, body);
  expect(res.status).toBe(202);
  return pipeline.waitForRun(alice, res.body.data.id);
}

describe('a run with a response schema', () => {
  it('stores a passing output check for a reply that matches', async () => {
    const promptId = await promptWith({ responseSchema: { name: 'person', schema: person } });
    const run = await runOf({ promptId, variables: { topic: 'ada' }, cache: false });
    expect(run).toMatchObject({ status: 'succeeded', outputCheck: { valid: true, errors: [] }, toolCalls: null });
    expect(JSON.parse(run.output)).toEqual({ name: 'example', age: 0 });
    expect(pipeline.llm.requests[0]?.body?.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'person', schema: person } });
  });

  it('stores a failing check, naming the problems, for a reply that does not match or is not JSON', async () => {
    const promptId = await promptWith({ responseSchema: { name: 'person', schema: person } });
    pipeline.llm.configure({ reply: '{"name":7}' });
    const wrong = await runOf({ promptId, variables: { topic: 'wrong' }, cache: false });
    expect(wrong.status).toBe('succeeded');
    expect(wrong.outputCheck).toEqual({ valid: false, errors: ["The reply must have required property 'age'", 'At /name: must be string'] });
    pipeline.llm.configure({ reply: 'Sure, here you go' });
    const prose = await runOf({ promptId, variables: { topic: 'prose' }, cache: false });
    expect(prose.outputCheck).toMatchObject({ valid: false, errors: [expect.stringMatching(/^The reply is not JSON: /)] });
  });

  it('is checked through Anthropic\'s forced tool as well', async () => {
    const promptId = await promptWith({ provider: 'anthropic', model: 'claude-haiku-4-5', responseSchema: { name: 'person', schema: person } });
    const run = await runOf({ promptId, variables: { topic: 'claude' }, cache: false });
    expect(run).toMatchObject({ status: 'succeeded', output: '{"name":"example","age":0}', outputCheck: { valid: true, errors: [] } });
  });

  it('has no output check without a schema', async () => {
    const promptId = await promptWith({});
    const run = await runOf({ promptId, variables: { topic: 'plain' }, cache: false });
    expect(run).toMatchObject({ status: 'succeeded', outputCheck: null, toolCalls: null });
  });
});

describe('a run with tools', () => {
  it('records the calls the model made, and a cache hit copies them', async () => {
    const promptId = await promptWith({ tools: [lookup] });
    const calls = [{ id: 'call_1', name: 'lookup_order', arguments: '{"id":"A-1"}' }];
    pipeline.llm.configure({ toolCalls: calls, reply: '' });
    const run = await runOf({ promptId, variables: { topic: 'orders' } });
    expect(run).toMatchObject({ status: 'succeeded', output: '', toolCalls: calls, outputCheck: null });

    const hit = await pipeline.startRun(alice, { promptId, variables: { topic: 'orders' } });
    const copied = (await pipeline.getRun(alice, hit.body.data.id)).body.data;
    expect(copied).toMatchObject({ status: 'succeeded', cached: true, sourceRunId: run.id, toolCalls: calls });
    expect(pipeline.llm.requests).toHaveLength(1);
  });

  it('records the local model\'s call with generated arguments, with no key', async () => {
    const promptId = await promptWith({ provider: 'local', model: 'local-test', tools: [lookup], responseSchema: { name: 'person', schema: person } });
    const run = await runOf({ promptId, variables: { topic: 'local' }, cache: false });
    expect(run).toMatchObject({
      status: 'succeeded',
      output: '{"name":"example","age":0}',
      outputCheck: { valid: true, errors: [] },
      toolCalls: [{ id: expect.stringMatching(/^call_/), name: 'lookup_order', arguments: '{"id":"example"}' }],
    });
  });
});

describe('unusable schemas', () => {
  it('refuses a per-run schema override that is not a JSON Schema, naming the field', async () => {
    const promptId = await promptWith({});
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'x' }, params: { responseSchema: { name: 'r', schema: { type: 'strnig' } } } });
    expect(res.status).toBe(422);
    expect(res.body.error.details?.fields).toEqual([{ path: 'params.responseSchema.schema', message: expect.stringMatching(/^is not a valid JSON Schema: /) }]);
    expect(pipeline.llm.requests).toHaveLength(0);
  });
});
