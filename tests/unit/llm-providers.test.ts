import { describe, expect, it } from 'vitest';
import { ANTHROPIC_DEFAULT_MAX_TOKENS, createAnthropicProvider, usageFromAnthropic } from '@/lib/llm/anthropic-provider';
import { createOpenAICompatibleProvider } from '@/lib/llm/openai-compatible';
import { getCatalogEntry } from '@/lib/providers/catalog';
import { createOpenAIProvider, usageFromOpenAI } from '@/lib/llm/openai-provider';
import { createProvider } from '@/lib/llm/registry';
import type { CompletionRequest, LlmProvider } from '@/lib/llm/types';

// A fetch standing in for the network edge: records each request and answers with what the test scripts.
type Call = { url: string; body: any; headers: Headers };
type Answer = (call: Call, signal: AbortSignal) => Response | Promise<Response>;

function stubFetch(answer: Answer) {
  const calls: Call[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const call = {
      url: String(input),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
      headers: new Headers(init?.headers),
    };
    calls.push(call);
    return answer(call, init?.signal ?? new AbortController().signal);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json', ...headers } });

const sse = (events: { event?: string; data: unknown }[], headers: Record<string, string> = {}) =>
  new Response(
    events.map((e) => `${e.event ? `event: ${e.event}\n` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`).join(''),
    { headers: { 'content-type': 'text/event-stream', ...headers } },
  );

const hang: Answer = (_call, signal) =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

const request = (extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hi' },
  ],
  params: { temperature: 0.2, topP: 0.9, maxTokens: 64, stop: ['END'] },
  timeoutMs: 5_000,
  ...extra,
});

async function collect(provider: LlmProvider, req: CompletionRequest) {
  const deltas: string[] = [];
  const result = await provider.stream(req, (text) => deltas.push(text));
  return { result, deltas };
}

const chatCompletion = (extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi!', refusal: null }, finish_reason: 'stop' }],
  usage: {
    prompt_tokens: 20,
    completion_tokens: 5,
    total_tokens: 25,
    prompt_tokens_details: { cached_tokens: 8 },
    completion_tokens_details: { reasoning_tokens: 2 },
  },
  ...extra,
});

const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  id: 'chatcmpl-2',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, delta, finish_reason: finish }],
  usage: null,
});

describe('OpenAI provider', () => {
  it('sends system and user messages and the params to baseURL, and maps usage', async () => {
    const { fetch, calls } = stubFetch(() => json(chatCompletion(), { 'x-request-id': 'req_abc' }));
    const provider = createOpenAIProvider({ apiKey: 'sk-test', baseURL: 'http://fake.test/v1', fetch });
    const result = await provider.complete(request());
    expect(calls[0]!.url).toBe('http://fake.test/v1/chat/completions');
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer sk-test');
    expect(calls[0]!.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hi' },
      ],
      temperature: 0.2,
      top_p: 0.9,
      max_completion_tokens: 64,
      stop: ['END'],
      stream: false,
    });
    expect(result).toEqual({
      output: 'Hi!',
      usage: { inputTokens: 20, outputTokens: 5, cachedInputTokens: 8, cacheWriteTokens: 0, reasoningTokens: 2, totalTokens: 25, estimated: false },
      finishReason: 'stop',
      providerRequestId: 'req_abc',
    });
  });

  it('leaves unset params out', async () => {
    const { fetch, calls } = stubFetch(() => json(chatCompletion()));
    await createOpenAIProvider({ apiKey: 'k', fetch }).complete(request({ params: {} }));
    expect(Object.keys(calls[0]!.body).sort()).toEqual(['messages', 'model', 'stream']);
    expect(calls[0]!.url).toBe('https://api.openai.com/v1/chat/completions');
  });

  it('streams deltas and takes usage from the last, choice-less chunk', async () => {
    const { fetch, calls } = stubFetch(() =>
      sse(
        [
          { data: chunk({ role: 'assistant', content: '' }) },
          { data: chunk({ content: 'Hel' }) },
          { data: chunk({ content: 'lo' }) },
          { data: chunk({}, 'length') },
          { data: { ...chunk({}), choices: [], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } } },
          { data: '[DONE]' },
        ],
        { 'x-request-id': 'req_stream' },
      ),
    );
    const { result, deltas } = await collect(createOpenAIProvider({ apiKey: 'k', fetch }), request());
    expect(calls[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(result).toMatchObject({ output: 'Hello', finishReason: 'length', providerRequestId: 'req_stream' });
    expect(result.usage).toMatchObject({ inputTokens: 9, outputTokens: 2, estimated: false });
  });

  it('estimates usage with the tokenizer when the server reports none', async () => {
    const { fetch } = stubFetch(() => sse([{ data: chunk({ content: 'Hello there' }, 'stop') }, { data: '[DONE]' }]));
    const { result } = await collect(createOpenAIProvider({ apiKey: 'k', fetch }), request());
    expect(result.usage).toMatchObject({ outputTokens: 2, estimated: true });
    expect(result.usage.inputTokens).toBeGreaterThan(5);
  });

  it('refusals and content filtering → refusal', async () => {
    const refusal = chatCompletion({
      choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'I can’t help with that.' }, finish_reason: 'stop' }],
    });
    const filtered = chatCompletion({ choices: [{ index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'content_filter' }] });
    for (const body of [refusal, filtered]) {
      const { fetch } = stubFetch(() => json(body));
      await expect(createOpenAIProvider({ apiKey: 'k', fetch }).complete(request())).rejects.toMatchObject({
        kind: 'refusal',
        retryable: false,
      });
    }
    const { fetch } = stubFetch(() => sse([{ data: chunk({ refusal: 'No.' }) }, { data: chunk({}, 'stop') }]));
    await expect(collect(createOpenAIProvider({ apiKey: 'k', fetch }), request())).rejects.toMatchObject({
      kind: 'refusal',
      message: 'openai: the model refused: No.',
    });
  });

  it('a response without choices, or a stream without a finish_reason → malformed', async () => {
    const { fetch } = stubFetch(() => json({ id: 'x', object: 'chat.completion', choices: [] }));
    await expect(createOpenAIProvider({ apiKey: 'k', fetch }).complete(request())).rejects.toMatchObject({ kind: 'malformed', retryable: true });
    const cut = stubFetch(() => sse([{ data: chunk({ content: 'Hel' }) }]));
    await expect(collect(createOpenAIProvider({ apiKey: 'k', fetch: cut.fetch }), request())).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('times out a stream the server stops feeding, even though the SDK ends it quietly', async () => {
    const { fetch } = stubFetch((_call, signal) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(chunk({ content: 'Hel' }))}\n\n`));
          signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const deltas: string[] = [];
    const error = await createOpenAIProvider({ apiKey: 'k', fetch })
      .stream(request({ timeoutMs: 50 }), (t) => deltas.push(t))
      .catch((e: unknown) => e);
    expect(deltas).toEqual(['Hel']);
    expect(error).toMatchObject({ kind: 'timeout', message: 'openai: no complete response within 50 ms' });
  });

  it('a caller abort → canceled', async () => {
    const { fetch } = stubFetch(hang);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(createOpenAIProvider({ apiKey: 'k', fetch }).complete(request({ signal: controller.signal }))).rejects.toMatchObject({
      kind: 'canceled',
    });
  });

  it('HTTP errors are classified with the server’s message', async () => {
    const { fetch } = stubFetch(() => new Response(JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }), { status: 401 }));
    await expect(createOpenAIProvider({ apiKey: 'k', fetch }).complete(request())).rejects.toMatchObject({
      kind: 'auth',
      message: 'openai: 401 Incorrect API key provided',
      details: { status: 401 },
    });
  });

  it('without a key every call fails with auth', async () => {
    const provider = createOpenAIProvider({});
    await expect(provider.complete(request())).rejects.toMatchObject({ kind: 'auth', message: 'openai: no API key configured' });
    await expect(provider.listModels()).rejects.toMatchObject({ kind: 'auth' });
  });

  it('lists models across pages', async () => {
    const { fetch } = stubFetch(() => json({ object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' }] }));
    expect(await createOpenAIProvider({ apiKey: 'k', fetch }).listModels()).toEqual(['gpt-4o']);
  });
});

describe('OpenAI-compatible provider', () => {
  it('uses the preset base URL, max_tokens, and a placeholder key for keyless servers', async () => {
    const { fetch, calls } = stubFetch(() => json(chatCompletion()));
    const provider = createOpenAICompatibleProvider({ label: 'ollama', fetch });
    expect(provider.kind).toBe('openai-compatible');
    await provider.complete(request({ model: 'llama3.2' }));
    expect(calls[0]!.url).toBe(`${getCatalogEntry('ollama')!.defaultBaseUrl}/chat/completions`);
    expect(calls[0]!.url).toBe('http://localhost:11434/v1/chat/completions');
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer not-needed');
    expect(calls[0]!.body).toMatchObject({ max_tokens: 64 });
    expect(calls[0]!.body).not.toHaveProperty('max_completion_tokens');
  });

  it('lets an explicit baseURL override the preset and names errors after the label', async () => {
    const { fetch, calls } = stubFetch(() => new Response('{"error":{"message":"boom"}}', { status: 503 }));
    const provider = createProvider({ kind: 'openai-compatible', label: 'groq', apiKey: 'gsk', baseURL: 'http://127.0.0.1:9/v1' });
    expect(provider.kind).toBe('openai-compatible');
    const withFetch = createOpenAICompatibleProvider({ label: 'groq', apiKey: 'gsk', baseURL: 'http://127.0.0.1:9/v1', fetch });
    await expect(withFetch.complete(request())).rejects.toMatchObject({ kind: 'overloaded', message: 'groq: 503 boom' });
    expect(calls[0]!.url).toBe('http://127.0.0.1:9/v1/chat/completions');
  });

  it('a hosted preset without a key fails with auth; a custom label needs a base URL', async () => {
    await expect(createOpenAICompatibleProvider({ label: 'groq' }).complete(request())).rejects.toMatchObject({ kind: 'auth' });
    expect(() => createProvider({ kind: 'openai-compatible', label: 'my-proxy' })).toThrow(/needs a base URL/);
  });
});

describe('Anthropic provider', () => {
  const message = (extra: Record<string, unknown> = {}) => ({
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-haiku-4-5',
    content: [{ type: 'text', text: 'Hi!', citations: null }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 4, cache_read_input_tokens: 100, cache_creation_input_tokens: 50 },
    ...extra,
  });

  it('sends system top-level, a default max_tokens, no sampling params, and normalises usage', async () => {
    const { fetch, calls } = stubFetch(() => json(message(), { 'request-id': 'req_ant' }));
    const provider = createAnthropicProvider({ apiKey: 'sk-ant', baseURL: 'http://fake.test', fetch });
    const result = await provider.complete(request({ model: 'claude-haiku-4-5', params: { temperature: 0.2, topP: 0.9, stop: ['END'] } }));
    expect(calls[0]!.url).toBe('http://fake.test/v1/messages');
    expect(calls[0]!.body).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Say hi' }],
      stop_sequences: ['END'],
      stream: false,
    });
    expect(result).toEqual({
      output: 'Hi!',
      // No cache_creation split: the 50 writes count as 5-minute ones.
      usage: { inputTokens: 160, outputTokens: 4, cachedInputTokens: 100, cacheWriteTokens: 50, cacheWrite1hTokens: 0, reasoningTokens: 0, totalTokens: 164, estimated: false },
      finishReason: 'end_turn',
      providerRequestId: 'req_ant',
    });
  });

  it('streams text deltas and combines message_start and message_delta usage', async () => {
    const { fetch } = stubFetch(() =>
      sse([
        { event: 'message_start', data: { type: 'message_start', message: message({ content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } }) } },
        { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } } },
        { event: 'ping', data: { type: 'ping' } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } } },
        { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
        { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: 7 } } },
        { event: 'message_stop', data: { type: 'message_stop' } },
      ], { 'request-id': 'req_s' }),
    );
    const { result, deltas } = await collect(createAnthropicProvider({ apiKey: 'k', fetch }), request({ model: 'claude-haiku-4-5' }));
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(result).toEqual({
      output: 'Hello',
      usage: { inputTokens: 10, outputTokens: 7, cachedInputTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 0, totalTokens: 17, estimated: false },
      finishReason: 'max_tokens',
      providerRequestId: 'req_s',
    });
  });

  it('stop_reason refusal → refusal; a stream cut before message_stop → malformed', async () => {
    const refused = stubFetch(() => json(message({ stop_reason: 'refusal', stop_details: { category: 'cyber' } })));
    await expect(createAnthropicProvider({ apiKey: 'k', fetch: refused.fetch }).complete(request())).rejects.toMatchObject({
      kind: 'refusal',
      message: 'anthropic: the model refused (cyber)',
    });
    const cut = stubFetch(() =>
      sse([
        { event: 'message_start', data: { type: 'message_start', message: message({ content: [] }) } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } } },
      ]),
    );
    await expect(collect(createAnthropicProvider({ apiKey: 'k', fetch: cut.fetch }), request())).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('an error event inside the stream is classified by its type', async () => {
    const { fetch } = stubFetch(() =>
      sse([
        { event: 'message_start', data: { type: 'message_start', message: message({ content: [] }) } },
        { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
      ]),
    );
    await expect(collect(createAnthropicProvider({ apiKey: 'k', fetch }), request())).rejects.toMatchObject({
      kind: 'overloaded',
      message: 'anthropic: Overloaded',
    });
  });

  it('times out, and fails with auth without a key', async () => {
    const { fetch } = stubFetch(hang);
    await expect(createAnthropicProvider({ apiKey: 'k', fetch }).complete(request({ timeoutMs: 30 }))).rejects.toMatchObject({ kind: 'timeout' });
    await expect(createProvider({ kind: 'anthropic' }).complete(request())).rejects.toMatchObject({ kind: 'auth' });
  });

  it('lists models', async () => {
    const { fetch, calls } = stubFetch(() =>
      json({ data: [{ id: 'claude-haiku-4-5', type: 'model', display_name: 'Haiku', created_at: '2025-10-01T00:00:00Z' }], has_more: false, first_id: 'a', last_id: 'a' }),
    );
    expect(await createAnthropicProvider({ apiKey: 'k', fetch }).listModels()).toEqual(['claude-haiku-4-5']);
    expect(calls[0]!.url).toContain('/v1/models');
  });
});

describe('usage mapping: cache reads and writes, lifetimes, reasoning', () => {
  it('OpenAI: prompt_tokens is the whole prompt, cached and written tokens are parts of it', () => {
    const usage = usageFromOpenAI({
      prompt_tokens: 10_000,
      completion_tokens: 900,
      total_tokens: 10_900,
      prompt_tokens_details: { cached_tokens: 6_000, cache_write_tokens: 3_000 },
      completion_tokens_details: { reasoning_tokens: 700 },
    });
    // 10,000 in = 6,000 read + 3,000 written + 1,000 plain; the 700 reasoning tokens stay inside the 900 output.
    expect(usage).toEqual({
      inputTokens: 10_000, outputTokens: 900, cachedInputTokens: 6_000, cacheWriteTokens: 3_000,
      reasoningTokens: 700, totalTokens: 10_900, estimated: false,
    });
  });

  it('OpenAI: parts larger than the prompt are cut to it (a proxy error never bills more than the whole)', () => {
    const usage = usageFromOpenAI({
      prompt_tokens: 100, completion_tokens: 1, total_tokens: 101,
      prompt_tokens_details: { cached_tokens: 80, cache_write_tokens: 50 },
    });
    // 80 read leaves 20 of the 100 that can have been written.
    expect(usage).toMatchObject({ inputTokens: 100, cachedInputTokens: 80, cacheWriteTokens: 20 });
  });

  it('Groq (OpenAI-compatible) cache reads come from prompt_tokens_details.cached_tokens', async () => {
    const { fetch } = stubFetch(() => json(chatCompletion({
      usage: { prompt_tokens: 2_000, completion_tokens: 10, total_tokens: 2_010, prompt_tokens_details: { cached_tokens: 1_536 } },
    })));
    const provider = createOpenAICompatibleProvider({ label: 'groq', apiKey: 'gsk', baseURL: 'http://fake.test/v1', fetch });
    const result = await provider.complete(request({ model: 'openai/gpt-oss-120b' }));
    expect(result.usage).toMatchObject({ inputTokens: 2_000, cachedInputTokens: 1_536, cacheWriteTokens: 0 });
  });

  it('Anthropic: cache_creation splits the writes into 5-minute and 1-hour ones', () => {
    const usage = usageFromAnthropic({
      input_tokens: 100,
      output_tokens: 500,
      cache_read_input_tokens: 2_000,
      cache_creation_input_tokens: 3_000,
      cache_creation: { ephemeral_5m_input_tokens: 1_000, ephemeral_1h_input_tokens: 2_000 },
      output_tokens_details: { thinking_tokens: 300 },
    });
    // The whole prompt: 100 + 2,000 read + 3,000 written = 5,100; thinking stays inside output.
    expect(usage).toEqual({
      inputTokens: 5_100, outputTokens: 500, cachedInputTokens: 2_000, cacheWriteTokens: 3_000, cacheWrite1hTokens: 2_000,
      reasoningTokens: 300, totalTokens: 5_600, estimated: false,
    });
  });

  it('Anthropic: a null split means 5-minute writes; a split without the total is the total', () => {
    const base = { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: null, output_tokens_details: null };
    expect(usageFromAnthropic({ ...base, cache_creation_input_tokens: 40, cache_creation: null }))
      .toMatchObject({ inputTokens: 50, cacheWriteTokens: 40, cacheWrite1hTokens: 0 });
    const splitOnly = { ephemeral_5m_input_tokens: 15, ephemeral_1h_input_tokens: 25 };
    expect(usageFromAnthropic({ ...base, cache_creation_input_tokens: null, cache_creation: splitOnly }))
      .toMatchObject({ inputTokens: 50, cacheWriteTokens: 40, cacheWrite1hTokens: 25 });
    // A 1-hour count above the total (a proxy's error) is cut to the total.
    expect(usageFromAnthropic({ ...base, cache_creation_input_tokens: 20, cache_creation: splitOnly }))
      .toMatchObject({ cacheWriteTokens: 20, cacheWrite1hTokens: 20 });
  });

  it('Anthropic streaming keeps message_start\'s split when message_delta brings cumulative counts', async () => {
    const startUsage = {
      input_tokens: 10, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 400,
      cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 300 },
    };
    const deltaUsage = { input_tokens: 10, cache_read_input_tokens: 0, cache_creation_input_tokens: 400, output_tokens: 9, output_tokens_details: { thinking_tokens: 5 } };
    const { fetch } = stubFetch(() =>
      sse([
        { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_2', type: 'message', role: 'assistant', model: 'claude-opus-5-5', content: [], stop_reason: null, stop_sequence: null, usage: startUsage } } },
        { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } } },
        { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
        { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: deltaUsage } },
        { event: 'message_stop', data: { type: 'message_stop' } },
      ]),
    );
    const { result } = await collect(createAnthropicProvider({ apiKey: 'k', fetch }), request({ model: 'claude-opus-5-5' }));
    // 10 + 400 written = 410 in, of the writes 300 with the 1-hour lifetime.
    expect(result.usage).toEqual({
      inputTokens: 410, outputTokens: 9, cachedInputTokens: 0, cacheWriteTokens: 400, cacheWrite1hTokens: 300,
      reasoningTokens: 5, totalTokens: 419, estimated: false,
    });
  });
});
