import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '@/lib/llm/anthropic-provider';
import { createLocalProvider } from '@/lib/llm/local-provider';
import { createOpenAICompatibleProvider } from '@/lib/llm/openai-compatible';
import { createOutputCollector, deltaText, OUTPUT_LIMIT_FINISH_REASON } from '@/lib/llm/stream-output';
import type { CompletionRequest } from '@/lib/llm/types';
import { LOCAL_MODEL_ID } from '@/lib/providers/catalog';

// A custom OpenAI-compatible endpoint on a real socket: each test sets the chunks it streams.
type Script = { chunks: unknown[]; endless?: string };
let script: Script = { chunks: [] };
const connections = { closedEarly: 0, sent: 0 };
let server: http.Server;
let baseURL: string;

const frame = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
const chunk = (delta: Record<string, unknown>, finish: unknown = null) => ({
  id: 'chatcmpl-odd',
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta, finish_reason: finish }],
});

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const data of script.chunks) res.write(frame(data));
    if (!script.endless) {
      res.end('data: [DONE]\n\n');
      return;
    }
    // Streams until the client hangs up (or a cap far past any limit under test).
    const text = script.endless;
    let sent = 0;
    const timer = setInterval(() => {
      for (let i = 0; i < 20 && sent < 100_000; i++, sent++) res.write(frame(chunk({ content: text })));
      connections.sent = sent;
      if (sent >= 100_000) {
        clearInterval(timer);
        res.end('data: [DONE]\n\n');
      }
    }, 1);
    res.on('close', () => {
      clearInterval(timer);
      if (sent < 100_000) connections.closedEarly += 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const request = (extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'custom-model',
  messages: [{ role: 'user', content: 'Say hi' }],
  params: {},
  timeoutMs: 10_000,
  ...extra,
});

const custom = () => createOpenAICompatibleProvider({ label: 'custom', baseURL, apiKey: 'k', fetch: globalThis.fetch });

describe('deltas from a custom endpoint', () => {
  it('keeps only text whatever shape the endpoint sends, and never hands a non-string to the caller', async () => {
    script = {
      chunks: [
        chunk({ role: 'assistant', content: 'Hel' }),
        chunk({ content: 123 }),
        chunk({ content: null }),
        chunk({ content: { text: 'lo' } }),
        chunk({ content: [{ type: 'text', text: ', ' }, { type: 'image_url' }, 'wor'] }),
        chunk({ content: true }),
        null,
        { choices: 'not-an-array' },
        { choices: [null] },
        chunk({ content: 'ld' }, 'stop'),
      ],
    };
    const deltas: unknown[] = [];
    const result = await custom().stream(request(), (text) => deltas.push(text));
    expect(deltas.every((d) => typeof d === 'string')).toBe(true);
    expect(deltas.join('')).toBe('Hello, world');
    expect(result).toMatchObject({ output: 'Hello, world', finishReason: 'stop' });
    expect(result.outputTruncated).toBeUndefined();
  });

  it('treats counts that are not numbers as zero', async () => {
    script = {
      chunks: [chunk({ content: 'Hi' }, 'stop'), { id: 'x', choices: [], usage: { prompt_tokens: '7', completion_tokens: -3, total_tokens: null } }],
    };
    const result = await custom().stream(request(), () => undefined);
    expect(result.usage).toMatchObject({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it('maps odd shapes to text', () => {
    expect(deltaText('a')).toBe('a');
    expect(deltaText(5)).toBe('');
    expect(deltaText(undefined)).toBe('');
    expect(deltaText({ text: 7 })).toBe('');
    expect(deltaText([[[['deep']]]])).toBe('');
    expect(deltaText([{ text: 'a' }, 'b'])).toBe('ab');
  });
});

describe('the output limit', () => {
  it('stops reading at maxOutputChars, aborts the request and marks the result truncated', async () => {
    script = { chunks: [], endless: 'word ' };
    const closedBefore = connections.closedEarly;
    const deltas: string[] = [];
    const result = await custom().stream(request({ maxOutputChars: 1_000 }), (text) => deltas.push(text));
    expect(result.output).toBe('word '.repeat(200));
    expect(deltas.join('')).toBe(result.output);
    expect(result).toMatchObject({ outputTruncated: true, finishReason: OUTPUT_LIMIT_FINISH_REASON });
    expect(result.usage.estimated).toBe(true);
    await expect.poll(() => connections.closedEarly).toBe(closedBefore + 1);
  });

  it('cuts an Anthropic stream the same way', async () => {
    const events = [
      { type: 'message_start', message: { id: 'm', usage: { input_tokens: 5, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      ...Array.from({ length: 50 }, () => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'abcdefghij' } })),
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 500 } },
      { type: 'message_stop' },
    ];
    const body = events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
    const fetch = (async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } })) as typeof globalThis.fetch;
    const provider = createAnthropicProvider({ apiKey: 'k', baseURL: 'http://anthropic.test', fetch });
    const result = await provider.stream(request({ model: 'claude-haiku-4-5', maxOutputChars: 105 }), () => undefined);
    expect(result.output).toBe('abcdefghij'.repeat(10) + 'abcde');
    expect(result).toMatchObject({ outputTruncated: true, finishReason: OUTPUT_LIMIT_FINISH_REASON });
    expect(result.usage).toMatchObject({ inputTokens: 5, estimated: true });
  });

  it('applies to the local model', async () => {
    const local = createLocalProvider();
    const result = await local.stream(
      request({ model: LOCAL_MODEL_ID, messages: [{ role: 'user', content: 'x'.repeat(300) }], maxOutputChars: 50 }),
      () => undefined,
    );
    expect(result.output).toHaveLength(50);
    expect(result).toMatchObject({ outputTruncated: true, finishReason: OUTPUT_LIMIT_FINISH_REASON });
  });

  it('never splits a surrogate pair at the limit', () => {
    const output = createOutputCollector(3);
    expect(output.add('ab')).toBe('ab');
    expect(output.add('🎉')).toBe('');
    expect(output.truncated).toBe(true);
    expect(output.add('more')).toBe('');
    expect(output.text).toBe('ab');
  });
});
