/**
 * The fake LLM fixture speaks both wire protocols well enough for the real SDKs: replies, streams, usage, limits,
 * model lists, every fault kind, the API key check and the CLI's control plane over HTTP.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLlmServer, type FakeLlm } from '../fixtures/fake-llm-server';

let llm: FakeLlm;

beforeAll(async () => {
  llm = await startFakeLlmServer();
});
afterAll(async () => {
  await llm?.close();
});
beforeEach(() => {
  llm.reset();
});

// logLevel 'off': the SDKs log unparseable SSE data before throwing, which the malformed tests provoke on purpose.
const openai = (apiKey = 'sk-test', baseURL = llm.openaiBaseURL) =>
  new OpenAI({ apiKey, baseURL, maxRetries: 0, logLevel: 'off' });
const anthropic = (apiKey = 'sk-ant-test') =>
  new Anthropic({ apiKey, baseURL: llm.anthropicBaseURL, maxRetries: 0, logLevel: 'off' });

type ChatExtra = Omit<Partial<OpenAI.ChatCompletionCreateParamsNonStreaming>, 'stream'>;
type MessageExtra = Omit<Partial<Anthropic.MessageCreateParamsNonStreaming>, 'stream'>;

const chat = (content = 'hello there', extra: ChatExtra = {}) => ({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system' as const, content: 'Be brief' },
    { role: 'user' as const, content },
  ],
  ...extra,
});
const message = (content = 'hello there', extra: MessageExtra = {}) => ({
  model: 'claude-haiku-4-5',
  max_tokens: 100,
  system: 'Be brief',
  messages: [{ role: 'user' as const, content }],
  ...extra,
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('fake LLM: OpenAI protocol', () => {
  it('answers a chat completion with usage, cached tokens and a request id', async () => {
    llm.configure({ cachedInputTokens: 3 });
    const { data, request_id } = await openai().chat.completions.create(chat()).withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('gpt-4o-mini');
    expect(data.choices[0]).toMatchObject({
      message: { role: 'assistant', content: 'Echo: hello there' },
      finish_reason: 'stop',
    });
    // 4 words of messages + 3 cached; 3 words out.
    expect(data.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
    expect(data.usage?.prompt_tokens_details?.cached_tokens).toBe(3);
    expect(data.usage?.completion_tokens_details?.reasoning_tokens).toBe(0);
    expect(request_id).toMatch(/^req_/);
  });

  it('streams word deltas, a finish chunk and, when asked, a usage chunk', async () => {
    llm.configure({ cachedInputTokens: 2 });
    const stream = await openai().chat.completions.create({
      ...chat('stream me please'),
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Echo: stream me please');
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBe(4);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 4, total_tokens: 11 });
    expect(last.usage?.prompt_tokens_details?.cached_tokens).toBe(2);
  });

  it('sends no usage chunk unless include_usage, and no usage at all when told to omit it', async () => {
    const plain = await openai().chat.completions.create({ ...chat(), stream: true });
    const plainChunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of plain) plainChunks.push(chunk);
    expect(plainChunks.every((chunk) => chunk.usage === undefined)).toBe(true);

    llm.configure({ usage: 'omit' });
    const data = await openai().chat.completions.create(chat());
    expect(data.usage).toBeUndefined();
    const withUsage = { ...chat(), stream: true as const, stream_options: { include_usage: true } };
    const omitted = await openai().chat.completions.create(withUsage);
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of omitted) chunks.push(chunk);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('works with the SDK stream helper', async () => {
    const completion = await openai().chat.completions.stream(chat('helper test')).finalChatCompletion();
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Echo: helper test' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('honours max_tokens (words) and stop sequences', async () => {
    llm.configure({ reply: 'one two three four five' });
    const limited = await openai().chat.completions.create(chat('x', { max_tokens: 2 }));
    expect(limited.choices[0]).toMatchObject({ message: { content: 'one two' }, finish_reason: 'length' });
    expect(limited.usage?.completion_tokens).toBe(2);

    const newer = await openai().chat.completions.create(chat('x', { max_completion_tokens: 3 }));
    expect(newer.choices[0]?.message.content).toBe('one two three');

    const stopped = await openai().chat.completions.create(chat('x', { stop: ['five', 'four'] }));
    expect(stopped.choices[0]).toMatchObject({ message: { content: 'one two three ' }, finish_reason: 'stop' });

    const stream = await openai().chat.completions.create({ ...chat('x', { max_tokens: 2 }), stream: true });
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe('one two');
    expect(finish).toBe('length');
  });

  it('lists the configured models', async () => {
    llm.configure({ models: ['gpt-a', 'gpt-b'] });
    const page = await openai().models.list();
    expect(page.data.map((model) => model.id)).toEqual(['gpt-a', 'gpt-b']);
    expect(page.data[0]).toMatchObject({ object: 'model', owned_by: 'fake-llm' });
  });

  it('surfaces a 429 with retry-after as RateLimitError', async () => {
    llm.enqueue({ kind: 'status', status: 429, retryAfterSeconds: 7, message: 'slow down' });
    const error = await caught(openai().chat.completions.create(chat()));
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.headers.get('retry-after')).toBe('7');
    expect(rateLimit.code).toBe('rate_limit_exceeded');
    expect(rateLimit.message).toContain('slow down');
    expect(rateLimit.requestID).toMatch(/^req_/);
    // One-shot: the next request succeeds.
    await expect(openai().chat.completions.create(chat())).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('surfaces 500, 503 and 400 as their SDK errors, in order', async () => {
    llm.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'status', status: 400 });
    await expect(openai().chat.completions.create(chat())).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(openai().chat.completions.create(chat())).rejects.toMatchObject({ status: 503, type: 'server_error' });
    await expect(openai().chat.completions.create(chat())).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('makes the SDK throw on a malformed body or stream, and on a dropped connection', async () => {
    // Neither SDK wraps these: a cut body is a bare SyntaxError, a dropped socket undici's TypeError('terminated').
    llm.enqueue({ kind: 'malformed' });
    await expect(openai().chat.completions.create(chat())).rejects.toThrow(SyntaxError);

    llm.enqueue({ kind: 'malformed' });
    const stream = await openai().chat.completions.create({ ...chat(), stream: true });
    await expect(drain(stream)).rejects.toThrow(SyntaxError);

    llm.enqueue({ kind: 'drop' });
    await expect(openai().chat.completions.create(chat())).rejects.toThrow(/terminated/);

    llm.enqueue({ kind: 'drop' });
    const dropped = await openai().chat.completions.create({ ...chat(), stream: true });
    await expect(drain(dropped)).rejects.toThrow(/terminated/);
  });

  it('hangs until the SDK times out', async () => {
    llm.enqueue({ kind: 'hang' });
    const started = Date.now();
    const error = await caught(openai().chat.completions.create(chat(), { timeout: 200 }));
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('checks the bearer key when one is required', async () => {
    llm.configure({ requireApiKey: 'sk-right' });
    const error = await caught(openai('sk-wrong').chat.completions.create(chat()));
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' });
    await expect(openai('sk-wrong').models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const allowed = await openai('sk-right').chat.completions.create(chat());
    expect(allowed.object).toBe('chat.completion');
  });

  it('records every request', async () => {
    await openai().chat.completions.create({ ...chat('record me'), stream: true }).then(drain);
    await openai().models.list();
    expect(llm.requests).toHaveLength(2);
    const [completion, models] = llm.requests;
    expect(completion).toMatchObject({
      protocol: 'openai',
      path: '/v1/chat/completions',
      model: 'gpt-4o-mini',
      stream: true,
    });
    expect(completion?.body?.messages).toEqual(chat('record me').messages);
    expect(completion?.headers.authorization).toBe('Bearer sk-test');
    expect(completion?.at).toBeGreaterThan(0);
    expect(models).toMatchObject({ protocol: 'openai', path: '/v1/models', model: null, stream: false, body: null });
  });

  it('waits latencyMs, then streams after ttftMs with chunkDelayMs between words', async () => {
    llm.configure({ latencyMs: 120 });
    let started = Date.now();
    await openai().chat.completions.create(chat());
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);

    llm.configure({ latencyMs: 0, ttftMs: 100, chunkDelayMs: 40, reply: 'a b c d' });
    started = Date.now();
    const stream = await openai().chat.completions.create({ ...chat(), stream: true });
    const arrivals: number[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) arrivals.push(Date.now() - started);
    expect(arrivals).toHaveLength(4);
    expect(arrivals[0]).toBeGreaterThanOrEqual(90);
    expect(arrivals[3]! - arrivals[0]!).toBeGreaterThanOrEqual(3 * 40 - 15);
  });
});

async function drain(stream: AsyncIterable<unknown>) {
  for await (const _event of stream) {
    // consume
  }
}

describe('fake LLM: Anthropic protocol', () => {
  it('answers a message with usage, cache reads and a request id', async () => {
    llm.configure({ cachedInputTokens: 5 });
    const response = await anthropic().messages.create(message());
    expect(response).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5',
      content: [{ type: 'text', text: 'Echo: hello there' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
    });
    expect(response.id).toMatch(/^msg_/);
    // system (2 words) + message (2 words); cache reads are on top.
    expect(response.usage).toMatchObject({
      input_tokens: 4,
      output_tokens: 3,
      cache_read_input_tokens: 5,
      cache_creation_input_tokens: 0,
    });
    expect(response._request_id).toMatch(/^req_/);
  });

  it('streams named events in order, with usage in message_start and message_delta', async () => {
    llm.configure({ cachedInputTokens: 1 });
    const stream = await anthropic().messages.create({ ...message('stream me'), stream: true });
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('message_start');
    expect(types.slice(1, 2)).toEqual(['content_block_start']);
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    const text = events.map((event) =>
      event.type === 'content_block_delta' && event.delta.type === 'text_delta' ? event.delta.text : '').join('');
    expect(text).toBe('Echo: stream me');
    const start = events[0] as Anthropic.RawMessageStartEvent;
    expect(start.message.usage).toMatchObject({ input_tokens: 4, cache_read_input_tokens: 1 });
    const delta = events.at(-2) as Anthropic.RawMessageDeltaEvent;
    expect(delta.delta.stop_reason).toBe('end_turn');
    expect(delta.usage.output_tokens).toBe(3);
  });

  it('works with the SDK stream helper', async () => {
    const final = await anthropic().messages.stream(message('helper test')).finalMessage();
    expect(final.content).toEqual([{ type: 'text', text: 'Echo: helper test' }]);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage).toMatchObject({ input_tokens: 4, output_tokens: 3 });
  });

  it('omits usage when told to (raw events still parse)', async () => {
    llm.configure({ usage: 'omit' });
    const response = await anthropic().messages.create(message());
    expect(response.usage).toBeUndefined();
    const stream = await anthropic().messages.create({ ...message(), stream: true });
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.at(-1)?.type).toBe('message_stop');
    const hasUsage = (event: Anthropic.RawMessageStreamEvent) =>
      'usage' in event || (event.type === 'message_start' && event.message.usage !== undefined);
    expect(events.some(hasUsage)).toBe(false);
  });

  it('honours max_tokens (words) and stop_sequences', async () => {
    llm.configure({ reply: 'one two three four five' });
    const limited = await anthropic().messages.create(message('x', { max_tokens: 2 }));
    expect(limited).toMatchObject({
      content: [{ text: 'one two' }],
      stop_reason: 'max_tokens',
      usage: { output_tokens: 2 },
    });

    const stopped = await anthropic().messages.create(message('x', { stop_sequences: ['four'] }));
    expect(stopped).toMatchObject({
      content: [{ text: 'one two three ' }],
      stop_reason: 'stop_sequence',
      stop_sequence: 'four',
    });

    const streamed = await anthropic().messages.stream(message('x', { max_tokens: 3 })).finalMessage();
    expect(streamed).toMatchObject({ content: [{ text: 'one two three' }], stop_reason: 'max_tokens' });
  });

  it('lists the configured models', async () => {
    llm.configure({ models: ['claude-a', 'claude-b'] });
    const ids: string[] = [];
    for await (const model of anthropic().models.list()) ids.push(model.id);
    expect(ids).toEqual(['claude-a', 'claude-b']);
    const page = await anthropic().models.list();
    expect(page.data[0]).toMatchObject({ type: 'model', display_name: 'claude-a' });
    expect(Date.parse(page.data[0]!.created_at)).not.toBeNaN();
    expect(llm.requests.at(-1)).toMatchObject({ protocol: 'anthropic', path: '/v1/models' });
  });

  it('surfaces 429 with retry-after, 500 and 529 as their SDK errors', async () => {
    llm.enqueue(
      { kind: 'status', status: 429, retryAfterSeconds: 2 },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 529 },
    );
    const error = await caught(anthropic().messages.create(message()));
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const rateLimit = error as InstanceType<typeof Anthropic.RateLimitError>;
    expect(rateLimit.headers?.get('retry-after')).toBe('2');
    expect(rateLimit.type).toBe('rate_limit_error');
    expect(rateLimit.requestID).toMatch(/^req_/);
    await expect(anthropic().messages.create(message())).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    const overloaded = await caught(anthropic().messages.create(message()));
    expect(overloaded).toBeInstanceOf(Anthropic.OverloadedError);
    expect(overloaded).toMatchObject({ status: 529, type: 'overloaded_error' });
  });

  it('makes the SDK throw on a malformed body or stream, and on a dropped stream', async () => {
    llm.enqueue({ kind: 'malformed' });
    await expect(anthropic().messages.create(message())).rejects.toThrow(SyntaxError);

    llm.enqueue({ kind: 'malformed' });
    const stream = await anthropic().messages.create({ ...message(), stream: true });
    await expect(drain(stream)).rejects.toThrow(SyntaxError);

    llm.enqueue({ kind: 'drop' });
    await expect(anthropic().messages.stream(message()).finalMessage()).rejects.toThrow(/terminated/);
  });

  it('hangs until the SDK times out', async () => {
    llm.enqueue({ kind: 'hang' });
    const error = await caught(anthropic().messages.create(message(), { timeout: 200 }));
    expect(error).toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
  });

  it('accepts the key as the SDK sends it (bearer) or as x-api-key, and 401s otherwise', async () => {
    llm.configure({ requireApiKey: 'sk-ant-right' });
    const error = await caught(anthropic('sk-ant-wrong').messages.create(message()));
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error).toMatchObject({ status: 401, type: 'authentication_error' });
    await expect(anthropic('sk-ant-right').messages.create(message())).resolves.toMatchObject({ type: 'message' });

    const raw = (key: string) =>
      fetch(`${llm.anthropicBaseURL}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify(message()),
      });
    expect((await raw('sk-ant-right')).status).toBe(200);
    const denied = await raw('sk-ant-wrong');
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });
});

describe('fake LLM: cache writes, reasoning and padding in the usage', () => {
  const knobs = { cachedInputTokens: 30, cacheWriteTokens: 200, cacheWrite1hTokens: 150, reasoningTokens: 40, extraInputTokens: 1_000 };

  it('OpenAI: prompt_tokens holds padding, cached and written tokens; completion_tokens holds reasoning', async () => {
    llm.configure(knobs);
    const expected = {
      // 4 words + 1,000 padding + 30 cached + 200 written = 1,234; 3 words + 40 reasoning = 43.
      prompt_tokens: 1_234,
      completion_tokens: 43,
      total_tokens: 1_277,
      prompt_tokens_details: { cached_tokens: 30, cache_write_tokens: 200 },
      completion_tokens_details: { reasoning_tokens: 40 },
    };
    expect((await openai().chat.completions.create(chat())).usage).toMatchObject(expected);
    const stream = await openai().chat.completions.create({ ...chat(), stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)?.usage).toMatchObject(expected);
  });

  it('OpenAI: no cache_write_tokens field when nothing was written', async () => {
    const data = await openai().chat.completions.create(chat());
    expect(data.usage?.prompt_tokens_details).toEqual({ cached_tokens: 0, audio_tokens: 0 });
  });

  it('Anthropic: input_tokens is the uncached part; cache_creation splits the writes by lifetime', async () => {
    llm.configure(knobs);
    const expected = {
      input_tokens: 1_004, // 4 words + 1,000 padding
      output_tokens: 43, // 3 words + 40 thinking
      cache_read_input_tokens: 30,
      cache_creation_input_tokens: 200,
      cache_creation: { ephemeral_5m_input_tokens: 50, ephemeral_1h_input_tokens: 150 },
      output_tokens_details: { thinking_tokens: 40 },
    };
    expect((await anthropic().messages.create(message())).usage).toMatchObject(expected);
    expect((await anthropic().messages.stream(message()).finalMessage()).usage).toMatchObject(expected);
  });

  it('Anthropic streams the split in message_start and the cumulative counts in message_delta', async () => {
    llm.configure(knobs);
    const stream = await anthropic().messages.create({ ...message(), stream: true });
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const start = events[0] as Anthropic.RawMessageStartEvent;
    expect(start.message.usage).toMatchObject({
      input_tokens: 1_004,
      output_tokens: 0,
      cache_creation_input_tokens: 200,
      cache_creation: { ephemeral_5m_input_tokens: 50, ephemeral_1h_input_tokens: 150 },
    });
    const delta = events.at(-2) as Anthropic.RawMessageDeltaEvent;
    expect(delta.usage).toEqual({
      input_tokens: 1_004,
      cache_read_input_tokens: 30,
      cache_creation_input_tokens: 200,
      output_tokens: 43,
      output_tokens_details: { thinking_tokens: 40 },
    });
  });

  it('Anthropic total-only: cache_creation_input_tokens without the split, streamed and not', async () => {
    llm.configure({ cacheWriteTokens: 200, cacheWrite1hTokens: 150, cacheWriteSplit: 'total-only' });
    const usage = (await anthropic().messages.create(message())).usage;
    expect(usage).toMatchObject({ input_tokens: 4, cache_creation_input_tokens: 200 });
    expect(usage).not.toHaveProperty('cache_creation');
    const stream = await anthropic().messages.create({ ...message(), stream: true });
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const start = events[0] as Anthropic.RawMessageStartEvent;
    expect(start.message.usage).toMatchObject({ cache_creation_input_tokens: 200 });
    expect(start.message.usage).not.toHaveProperty('cache_creation');
  });
});

describe('fake LLM: structured output and tools', () => {
  const schema = { type: 'object', properties: { n: { type: 'integer', minimum: 3 } }, required: ['n'] };
  const calls = [{ id: 'call_x', name: 'lookup', arguments: '{"query":"a longer argument text"}' }];

  it('answers OpenAI json_schema with a value for the schema, unless a reply is configured', async () => {
    const response_format = { type: 'json_schema' as const, json_schema: { name: 'r', schema } };
    const generated = await openai().chat.completions.create(chat('x', { response_format }));
    expect(generated.choices[0]?.message.content).toBe('{"n":3}');
    llm.configure({ reply: '{"n":1}' });
    const scripted = await openai().chat.completions.create(chat('x', { response_format }));
    expect(scripted.choices[0]?.message.content).toBe('{"n":1}');
  });

  it('streams OpenAI tool calls as index/id/name, then argument fragments, finishing with tool_calls', async () => {
    llm.configure({ toolCalls: calls });
    const stream = await openai().chat.completions.create({ ...chat(), stream: true });
    const parts: unknown[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      parts.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(parts[0]).toEqual({ index: 0, id: 'call_x', type: 'function', function: { name: 'lookup', arguments: '' } });
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.slice(1).map((p) => (p as { function: { arguments: string } }).function.arguments).join('')).toBe(calls[0]!.arguments);
    expect(finish).toBe('tool_calls');
  });

  it('streams Anthropic tool_use blocks as content_block_start and input_json_delta fragments', async () => {
    llm.configure({ toolCalls: calls });
    const events = await anthropic().messages.create({ ...message(), stream: true });
    const seen: string[] = [];
    let json = '';
    let stopReason: string | null = null;
    for await (const event of events) {
      if (event.type === 'content_block_start') seen.push(event.content_block.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') json += event.delta.partial_json;
      if (event.type === 'message_delta') stopReason = event.delta.stop_reason;
    }
    expect(seen).toEqual(['text', 'tool_use']);
    expect(json).toBe(calls[0]!.arguments);
    expect(stopReason).toBe('tool_use');
  });

  it('answers a forced Anthropic tool with a tool_use block whose input follows its schema', async () => {
    const tools = [{ name: 'reply', input_schema: { type: 'object' as const, properties: schema.properties, required: schema.required } }];
    const answer = await anthropic().messages.create(message('x', { tools, tool_choice: { type: 'tool', name: 'reply' } }));
    expect(answer.content).toEqual([{ type: 'tool_use', id: expect.any(String), name: 'reply', input: { n: 3 } }]);
    expect(answer.stop_reason).toBe('tool_use');
  });
});

describe('fake LLM: server lifecycle', () => {
  it('answers unknown routes and bad bodies in the error shapes', async () => {
    const unknown = await fetch(`${llm.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_url' } });
    const bad = await fetch(`${llm.url}/v1/messages`, { method: 'POST', body: '{"model":"m","messages":[]}' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('request-id')).toMatch(/^req_/);
    expect(await bad.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('close() ends hung and slow streaming requests promptly', async () => {
    const own = await startFakeLlmServer();
    own.enqueue({ kind: 'hang' });
    own.configure({ ttftMs: 60_000 });
    const client = openai('sk-test', own.openaiBaseURL);
    const hung = caught(client.chat.completions.create(chat()));
    const slow = client.chat.completions
      .create({ ...chat(), stream: true })
      .then(drain)
      .then(() => 'ended', () => 'failed');
    await expect.poll(() => own.requests.length).toBe(2);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await hung).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(['ended', 'failed']).toContain(await slow);
  });
});

describe('fake LLM CLI: control plane over HTTP', () => {
  it('starts on a free port, is steered by /__control/*, and stops on SIGTERM', async () => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['tests/fixtures/fake-llm-cli.ts'], {
      env: { ...process.env, FAKE_LLM_PORT: '0', FAKE_LLM_LATENCY_MS: '5' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Fake LLM ready at (\S+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        void exited.then((code) => reject(new Error(`CLI exited (${code}) before it was ready:\n${output}`)));
      });
      const post = (route: string, body: unknown) =>
        fetch(`${url}/__control/${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });

      expect((await fetch(`${url}/__control/health`)).status).toBe(200);
      const usageKnobs = { cachedInputTokens: 2, cacheWriteTokens: 5, cacheWrite1hTokens: 1, cacheWriteSplit: 'total-only', reasoningTokens: 7, extraInputTokens: 10 };
      const configured = await post('configure', { reply: 'steered', requireApiKey: 'k1', ...usageKnobs });
      expect(configured.status).toBe(200);
      const client = openai('k1', `${url}/v1`);
      const completion = await client.chat.completions.create(chat());
      expect(completion.choices[0]?.message.content).toBe('steered');
      // 4 words + 10 padding + 2 cached + 5 written = 21; 1 word + 7 reasoning = 8.
      expect(completion.usage).toMatchObject({
        prompt_tokens: 21,
        completion_tokens: 8,
        prompt_tokens_details: { cached_tokens: 2, cache_write_tokens: 5 },
        completion_tokens_details: { reasoning_tokens: 7 },
      });
      expect((await post('configure', { cacheWriteSplit: 'hourly' })).status).toBe(400);

      expect((await post('configure', { toolCalls: [{ id: 'call_cli', name: 'lookup', arguments: '{"id":1}' }] })).status).toBe(200);
      const withCall = await client.chat.completions.create(chat());
      expect(withCall.choices[0]?.message.tool_calls).toEqual([{ id: 'call_cli', type: 'function', function: { name: 'lookup', arguments: '{"id":1}' } }]);
      expect((await post('configure', { toolCalls: [] })).status).toBe(200);

      expect(await (await post('enqueue', [{ kind: 'status', status: 503 }])).json()).toEqual({ queued: 1 });
      await expect(client.chat.completions.create(chat())).rejects.toMatchObject({ status: 503 });

      const recorded = await fetch(`${url}/__control/requests`);
      const requests = (await recorded.json()) as { protocol: string; path: string }[];
      expect(requests.map((request) => [request.protocol, request.path])).toEqual([
        ['openai', '/v1/chat/completions'],
        ['openai', '/v1/chat/completions'],
        ['openai', '/v1/chat/completions'],
      ]);

      const invalid = await post('configure', { latencyMs: 'slow', reply: () => 'x' });
      expect(invalid.status).toBe(400);
      expect((await post('enqueue', [{ kind: 'explode' }])).status).toBe(400);

      expect((await post('configure', { requireApiKey: null })).status).toBe(200);
      expect((await post('reset', {})).status).toBe(200);
      expect(await (await fetch(`${url}/__control/requests`)).json()).toEqual([]);
      const echoed = await openai('any', `${url}/v1`).chat.completions.create(chat('back to default'));
      expect(echoed.choices[0]?.message.content).toBe('Echo: back to default');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM received, closing');
  });
});
