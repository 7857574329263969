/**
 * Structured output and tool calls through the real SDKs against the fake provider: the request shapes each
 * protocol gets, tool calls streamed and not, Anthropic's forced response tool, and the bounds on tool-call text.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '@/lib/llm/anthropic-provider';
import { checkOutput } from '@/lib/llm/json-schema';
import { createOpenAIProvider } from '@/lib/llm/openai-provider';
import type { CompletionRequest, GenerationParams, LlmProvider } from '@/lib/llm/types';
import { startFakeLlmServer, type FakeLlm } from '../fixtures/fake-llm-server';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlmServer();
});
afterAll(async () => {
  await llm?.close();
});
beforeEach(() => llm.reset());

// The fixture listens on 127.0.0.1, which the guarded provider fetch refuses.
const openai = () => createOpenAIProvider({ apiKey: 'sk-test', baseURL: llm.openaiBaseURL, fetch: globalThis.fetch });
const anthropic = () => createAnthropicProvider({ apiKey: 'sk-ant-test', baseURL: llm.anthropicBaseURL, fetch: globalThis.fetch });

const person = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 18 }, role: { enum: ['admin', 'user'] } },
  required: ['name', 'age', 'role'],
  additionalProperties: false,
};
const lookup = { name: 'lookup_order', description: 'Find an order by id', parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } };

const request = (params: GenerationParams, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Who is it?' }],
  params,
  timeoutMs: 5_000,
  ...extra,
});

async function both(provider: LlmProvider, req: CompletionRequest) {
  const deltas: string[] = [];
  const streamed = await provider.stream(req, (text) => deltas.push(text));
  const completed = await provider.complete(req);
  return { streamed, completed, deltas };
}

const lastBody = () => llm.requests.at(-1)?.body ?? {};

describe('OpenAI protocol', () => {
  it('sends response_format json_schema and function tools in the documented shapes', async () => {
    await openai().complete(request({ responseSchema: { name: 'person', schema: person, strict: true }, tools: [lookup] }));
    expect(lastBody().response_format).toEqual({ type: 'json_schema', json_schema: { name: 'person', schema: person, strict: true } });
    expect(lastBody().tools).toEqual([{ type: 'function', function: { name: 'lookup_order', description: 'Find an order by id', parameters: lookup.parameters } }]);
    await openai().complete(request({}));
    expect(lastBody()).not.toHaveProperty('response_format');
    expect(lastBody()).not.toHaveProperty('tools');
  });

  it('returns the structured reply as the output, streamed and not', async () => {
    const { streamed, completed, deltas } = await both(openai(), request({ responseSchema: { name: 'person', schema: person } }));
    expect(JSON.parse(streamed.output)).toEqual({ name: 'example', age: 18, role: 'admin' });
    expect(completed.output).toBe(streamed.output);
    expect(deltas.join('')).toBe(streamed.output);
    expect(checkOutput(person, streamed.output)).toEqual({ valid: true, errors: [] });
    expect(streamed.toolCalls).toBeUndefined();
  });

  it('collects tool calls from streamed index, id, name and argument fragments, and from a whole message', async () => {
    const calls = [
      { id: 'call_a', name: 'lookup_order', arguments: '{"id":"A-1001","verbose":true}' },
      { id: 'call_b', name: 'lookup_order', arguments: '{"id":"B-2002"}' },
    ];
    llm.configure({ toolCalls: calls, reply: '' });
    const { streamed, completed } = await both(openai(), request({ tools: [lookup] }));
    expect(streamed.toolCalls).toEqual(calls);
    expect(completed.toolCalls).toEqual(calls);
    expect(streamed.finishReason).toBe('tool_calls');
    expect(streamed.output).toBe('');
    expect(llm.requests.map((r) => r.stream)).toEqual([true, false]);
  });

  it('bounds tool-call text by the output limit and marks the result truncated', async () => {
    llm.configure({ toolCalls: [{ id: 'call_big', name: 'lookup_order', arguments: JSON.stringify({ id: 'x'.repeat(5_000) }) }], reply: '' });
    const { streamed, completed } = await both(openai(), request({ tools: [lookup] }, { maxOutputChars: 1_000 }));
    for (const result of [streamed, completed]) {
      expect(result.outputTruncated).toBe(true);
      expect(result.finishReason).toBe('output_limit');
      expect(result.toolCalls?.[0]?.arguments).toHaveLength(1_000);
    }
  });
});

describe('Anthropic protocol', () => {
  const claude = (params: GenerationParams) => request(params, { model: 'claude-haiku-4-5' });

  it('sends tools as name, description and input_schema, with no tool_choice', async () => {
    await anthropic().complete(claude({ tools: [lookup] }));
    expect(lastBody().tools).toEqual([{ name: 'lookup_order', description: 'Find an order by id', input_schema: lookup.parameters }]);
    expect(lastBody()).not.toHaveProperty('tool_choice');
  });

  it('asks for structured output through a forced tool and answers its input as the reply', async () => {
    const { streamed, completed, deltas } = await both(anthropic(), claude({ responseSchema: { name: 'person', schema: person } }));
    expect(lastBody().tool_choice).toEqual({ type: 'tool', name: 'person' });
    expect(lastBody().tools).toEqual([expect.objectContaining({ name: 'person', input_schema: person })]);
    expect(JSON.parse(streamed.output)).toEqual({ name: 'example', age: 18, role: 'admin' });
    expect(JSON.parse(completed.output)).toEqual(JSON.parse(streamed.output));
    expect(deltas.length).toBeGreaterThan(1); // the input's JSON streams as it arrives
    expect(deltas.join('')).toBe(streamed.output);
    expect(streamed.finishReason).toBe('end_turn');
    expect(streamed.toolCalls).toBeUndefined();
  });

  it('wraps a schema that is not an object and unwraps the reply', async () => {
    const schema = { type: 'array', items: { $ref: '#/$defs/tag' }, minItems: 2, $defs: { tag: { type: 'string', enum: ['red', 'blue'] } } };
    const { streamed, completed } = await both(anthropic(), claude({ responseSchema: { name: 'tags', schema } }));
    const inputSchema = (lastBody().tools as { input_schema: Record<string, unknown> }[])[0]?.input_schema;
    expect(inputSchema).toEqual({ type: 'object', properties: { value: { type: 'array', items: { $ref: '#/$defs/tag' }, minItems: 2 } }, required: ['value'], $defs: schema.$defs });
    expect(streamed.output).toBe('["red","red"]');
    expect(completed.output).toBe('["red","red"]');
  });

  it('records real tool calls from tool_use blocks, streamed (input_json_delta) and not', async () => {
    const calls = [{ id: 'toolu_1', name: 'lookup_order', arguments: '{"id":"A-1001"}' }];
    llm.configure({ toolCalls: calls });
    const { streamed, completed } = await both(anthropic(), claude({ tools: [lookup] }));
    expect(streamed.toolCalls).toEqual(calls);
    expect(completed.toolCalls).toEqual(calls);
    expect(streamed.finishReason).toBe('tool_use');
    expect(streamed.output).toMatch(/^Echo: /); // the text before the call is kept
  });

  it('cuts a structured reply and tool calls at the output limit', async () => {
    llm.configure({ reply: JSON.stringify({ name: 'y'.repeat(3_000), age: 20, role: 'user' }) });
    const { streamed, completed } = await both(anthropic(), { ...claude({ responseSchema: { name: 'person', schema: person } }), maxOutputChars: 500 });
    for (const result of [streamed, completed]) {
      expect(result).toMatchObject({ outputTruncated: true, finishReason: 'output_limit' });
      expect(result.output).toHaveLength(500);
    }
    llm.configure({ toolCalls: Array.from({ length: 70 }, (_, i) => ({ name: 'lookup_order', arguments: `{"id":"${i}"}` })) });
    const many = await both(anthropic(), claude({ tools: [lookup] }));
    for (const result of [many.streamed, many.completed]) {
      expect(result.toolCalls).toHaveLength(64);
      expect(result.outputTruncated).toBe(true);
    }
  });

  it('lets the model choose between its tools and the reply tool when both are set', async () => {
    await anthropic().complete(claude({ tools: [lookup], responseSchema: { name: 'person', schema: person } }));
    expect(lastBody().tool_choice).toEqual({ type: 'any' });
    expect((lastBody().tools as { name: string }[]).map((t) => t.name)).toEqual(['lookup_order', 'person']);
  });
});
