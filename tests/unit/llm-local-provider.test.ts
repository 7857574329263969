import { encode, encodeChat } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { checkOutput } from '@/lib/llm/json-schema';
import { createLocalProvider, localReplyText } from '@/lib/llm/local-provider';
import { LOCAL_MODEL_ID } from '@/lib/providers/catalog';
import { createProvider } from '@/lib/llm/registry';
import { ProviderError, type ChatMessage, type CompletionRequest } from '@/lib/llm/types';

const provider = createLocalProvider();

const request = (user: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: LOCAL_MODEL_ID,
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: user },
  ],
  params: {},
  timeoutMs: 5_000,
  ...extra,
});

async function streamed(req: CompletionRequest) {
  const deltas: string[] = [];
  const result = await provider.stream(req, (text) => deltas.push(text));
  return { result, deltas };
}

describe('local provider', () => {
  it('is built by the registry, needs no key and lists its one model', async () => {
    const local = createProvider({ kind: 'local' });
    expect(local.kind).toBe('local');
    expect(await local.listModels()).toEqual([LOCAL_MODEL_ID]);
  });

  it('replies deterministically to the rendered prompt', async () => {
    const a = await provider.complete(request('Summarise the French revolution in two sentences.'));
    const b = await provider.complete(request('Summarise the French revolution in two sentences.'));
    const c = await provider.complete(request('Summarise the Russian revolution in two sentences.'));
    expect(a.output).toBe(b.output);
    expect(a.output).toMatch(/^Local test model reply to: "Summarise the French revolution in two sentences\."\n\n/);
    expect(c.output).not.toBe(a.output);
    expect(a.finishReason).toBe('stop');
    expect(a.providerRequestId).toBeNull();
  });

  it('changes its reply when only the system prompt changes', () => {
    const user: ChatMessage = { role: 'user', content: 'Same question' };
    const one = localReplyText([{ role: 'system', content: 'Persona A' }, user]);
    const two = localReplyText([{ role: 'system', content: 'Persona B' }, user]);
    expect(one).not.toBe(two);
    expect(one.split('\n\n')[0]).toBe(two.split('\n\n')[0]);
  });

  it('echoes the first 200 characters of the last user message, whitespace collapsed', () => {
    const long = `${'word '.repeat(100)}\n\nend`;
    const reply = localReplyText([
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'an answer' },
      { role: 'user', content: long },
    ]);
    const echoed = long.replace(/\s+/g, ' ').slice(0, 200);
    expect(reply.startsWith(`Local test model reply to: "${echoed}…"`)).toBe(true);
  });

  it('reports its own token counts, equal to gpt-tokenizer’s (o200k)', async () => {
    const req = request('How many tokens is this? ¿Cuántos tokens? 🎉 <|endoftext|>');
    const { usage, output } = await provider.complete(req);
    expect(usage).toEqual({
      inputTokens: encodeChat(req.messages, 'gpt-4o', { disallowedSpecial: new Set() }).length,
      outputTokens: encode(output, { disallowedSpecial: new Set() }).length,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      totalTokens: usage.inputTokens + usage.outputTokens,
      estimated: false,
    });
    expect(usage.outputTokens).toBeGreaterThan(10);
  });

  it('streams deltas that concatenate to the output and match complete()', async () => {
    const req = request('Stream me a reply about ünïcödé and emoji 🎉🎉');
    const { result, deltas } = await streamed(req);
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(result.output);
    expect(result).toEqual(await provider.complete(req));
  });

  it('truncates to maxTokens whole tokens and says so', async () => {
    const full = await provider.complete(request('Tell me everything'));
    for (const maxTokens of [1, 5, 12]) {
      const { result, deltas } = await streamed(request('Tell me everything', { params: { maxTokens } }));
      expect(result.finishReason).toBe('length');
      expect(result.usage.outputTokens).toBeLessThanOrEqual(maxTokens);
      expect(result.usage.outputTokens).toBe(encode(result.output).length);
      expect(full.output.startsWith(result.output)).toBe(true);
      expect(deltas.join('')).toBe(result.output);
    }
    const roomy = await provider.complete(request('Tell me everything', { params: { maxTokens: 10_000 } }));
    expect(roomy).toEqual(full);
  });

  it('never cuts a character in half when truncating', async () => {
    for (let maxTokens = 1; maxTokens <= 14; maxTokens++) {
      const { output } = await provider.complete(request('🎉🦄 ünïcödé 漢字かな交じり文', { params: { maxTokens } }));
      expect(output).not.toContain('\uFFFD');
    }
  });

  it('stops before the first stop sequence', async () => {
    const full = await provider.complete(request('Stop somewhere'));
    const { result, deltas } = await streamed(request('Stop somewhere', { params: { stop: ['zzz-never', 'somewhere'] } }));
    expect(result.output).toBe('Local test model reply to: "Stop ');
    expect(result.finishReason).toBe('stop');
    expect(full.output.startsWith(result.output)).toBe(true);
    expect(deltas.join('')).toBe(result.output);
    expect(result.usage.outputTokens).toBe(encode(result.output).length);
  });

  it('yields between chunks, so a cancel lands mid-stream', async () => {
    const controller = new AbortController();
    const deltas: string[] = [];
    const error = await provider
      .stream(request('Cancel me', { signal: controller.signal }), (text) => {
        deltas.push(text);
        controller.abort();
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'canceled', retryable: false });
    expect(deltas).toHaveLength(1);
  });

  it('refuses a request canceled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(provider.complete(request('x', { signal: controller.signal }))).rejects.toMatchObject({ kind: 'canceled' });
  });

  it('times out a slow stream', async () => {
    const slow = createLocalProvider({ chunkDelayMs: 20 });
    const error = await slow.stream(request('Slowly', { timeoutMs: 60 }), () => {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout', retryable: true, message: 'local: no complete response within 60 ms' });
  });

  it('hands an error thrown by onDelta back unchanged', async () => {
    const boom = new Error('the caller broke');
    await expect(provider.stream(request('x'), () => { throw boom; })).rejects.toBe(boom);
  });
});

describe('local provider: structured output and tools', () => {
  const schema = {
    type: 'object',
    required: ['title', 'score', 'tags', 'status', 'when', 'owner'],
    properties: {
      title: { type: 'string', minLength: 10 },
      score: { type: 'number', exclusiveMinimum: 0, maximum: 5 },
      tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
      status: { anyOf: [{ const: 'open' }, { const: 'closed' }] },
      when: { type: 'string', format: 'date-time' },
      owner: { $ref: '#/$defs/user' },
      optional: { type: 'string' },
    },
    $defs: { user: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 100 } } } },
  };

  it('replies with a JSON value that matches the response schema, streamed as it would be', async () => {
    const { result, deltas } = await streamed(request('Summarize', { params: { responseSchema: { name: 'summary', schema } } }));
    expect(JSON.parse(result.output)).toEqual({ title: 'examplexxx', score: 0.5, tags: ['example', 'example'], status: 'open', when: '2026-01-01T00:00:00Z', owner: { id: 100 } });
    expect(checkOutput(schema, result.output)).toEqual({ valid: true, errors: [] });
    expect(deltas.join('')).toBe(result.output);
    expect(result.toolCalls).toBeUndefined();
  });

  it('calls the first tool with arguments generated from its parameters', async () => {
    const tools = [
      { name: 'get_weather', parameters: { type: 'object', required: ['city', 'unit'], properties: { city: { type: 'string' }, unit: { enum: ['c', 'f'] } } } },
      { name: 'never_called', parameters: { type: 'object' } },
    ];
    const first = await provider.complete(request('Weather in Oslo?', { params: { tools } }));
    expect(first.toolCalls).toEqual([{ id: expect.stringMatching(/^call_[0-9a-f]{24}$/), name: 'get_weather', arguments: '{"city":"example","unit":"c"}' }]);
    expect(first.finishReason).toBe('tool_calls');
    expect(first.usage.outputTokens).toBeGreaterThan(encode(first.output).length);
    const again = await streamed(request('Weather in Oslo?', { params: { tools } }));
    expect(again.result.toolCalls).toEqual(first.toolCalls);
  });
});
