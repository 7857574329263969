import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { ContentFilterFinishReasonError } from 'openai/core/error';
import { describe, expect, it } from 'vitest';
import { classifyProviderError, parseRetryAfterMs } from '@/lib/llm/errors';
import { emitDelta, guardCall } from '@/lib/llm/guard-call';
import { ProviderError } from '@/lib/llm/types';

// Bodies as each SDK hands them to its error constructors: OpenAI passes the inner `error` object,
// Anthropic the whole response body.
const openaiBody = (message: string, code: string | null = null, type = 'invalid_request_error') => ({ message, type, param: null, code });
const anthropicBody = (type: string, message: string) => ({ type: 'error', error: { type, message } });
const headers = (init: Record<string, string> = {}) => new Headers(init);

describe('classifyProviderError: OpenAI SDK errors', () => {
  it('429 → rate_limited with retry-after-ms, keeping the provider’s message', () => {
    const error = new OpenAI.RateLimitError(
      429,
      openaiBody('Rate limit reached for gpt-4o in organization org-x on requests per min (RPM): Limit 500.', 'rate_limit_exceeded', 'requests'),
      undefined,
      headers({ 'retry-after-ms': '1500', 'retry-after': '2', 'x-request-id': 'req_1' }),
    );
    const classified = classifyProviderError(error, 'openai');
    expect(classified).toBeInstanceOf(ProviderError);
    expect(classified).toMatchObject({ kind: 'rate_limited', retryable: true });
    expect(classified.message).toBe('openai: 429 Rate limit reached for gpt-4o in organization org-x on requests per min (RPM): Limit 500.');
    expect(classified.details).toMatchObject({ status: 429, retryAfterMs: 1500, provider: 'openai', cause: error });
  });

  it('uses the label it is given (an openai-compatible preset)', () => {
    const error = new OpenAI.RateLimitError(429, openaiBody('Too many requests'), undefined, headers({ 'retry-after': '30' }));
    const classified = classifyProviderError(error, 'groq');
    expect(classified.message).toBe('groq: 429 Too many requests');
    expect(classified.details).toMatchObject({ provider: 'groq', retryAfterMs: 30_000 });
  });

  it.each([
    [500, 'overloaded'],
    [502, 'overloaded'],
    [503, 'overloaded'],
    [504, 'overloaded'],
    [529, 'overloaded'],
    [409, 'overloaded'],
    [408, 'timeout'],
    [400, 'bad_request'],
    [413, 'bad_request'],
    [422, 'bad_request'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'unknown_model'],
  ] as const)('status %i → %s', (status, kind) => {
    const error = OpenAI.APIError.generate(status, { error: openaiBody('something happened') }, undefined, headers());
    expect(classifyProviderError(error, 'openai')).toMatchObject({ kind, details: { status } });
  });

  it('tells a missing model apart from other bad requests', () => {
    const missing = new OpenAI.NotFoundError(
      404,
      openaiBody('The model `gpt-9` does not exist or you do not have access to it.', 'model_not_found'),
      undefined,
      headers(),
    );
    expect(classifyProviderError(missing, 'openai')).toMatchObject({ kind: 'unknown_model', retryable: false });
    // vLLM and Ollama answer 400 for an unknown model.
    const vllm = new OpenAI.BadRequestError(400, openaiBody('The model `llama-9` does not exist.'), undefined, headers());
    expect(classifyProviderError(vllm, 'vllm').kind).toBe('unknown_model');
    const ollama = new OpenAI.BadRequestError(400, openaiBody('model "llama9" not found, try pulling it first'), undefined, headers());
    expect(classifyProviderError(ollama, 'ollama').kind).toBe('unknown_model');
    const byCode = new OpenAI.BadRequestError(400, openaiBody('Invalid request', 'model_not_found'), undefined, headers());
    expect(classifyProviderError(byCode, 'openai').kind).toBe('unknown_model');
    const param = new OpenAI.BadRequestError(
      400,
      openaiBody("Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported."),
      undefined,
      headers(),
    );
    expect(classifyProviderError(param, 'openai')).toMatchObject({ kind: 'bad_request', retryable: false });
  });

  it('connection failures → network, SDK timeouts → timeout, aborts → canceled', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const connection = new OpenAI.APIConnectionError({ cause: new TypeError('fetch failed', { cause: refused }) });
    expect(classifyProviderError(connection, 'openai')).toMatchObject({
      kind: 'network',
      retryable: true,
      message: 'openai: connection failed (connect ECONNREFUSED 127.0.0.1:1)',
    });
    expect(classifyProviderError(new OpenAI.APIConnectionTimeoutError(), 'openai')).toMatchObject({ kind: 'timeout', retryable: true });
    expect(classifyProviderError(new OpenAI.APIUserAbortError(), 'openai')).toMatchObject({ kind: 'canceled', retryable: false });
  });

  it('an error event inside a stream (no status) is classified by its type', () => {
    const midStream = new OpenAI.APIError(undefined, openaiBody('The server had an error', null, 'server_error'), undefined, headers());
    expect(classifyProviderError(midStream, 'openai')).toMatchObject({ kind: 'overloaded', message: 'openai: The server had an error' });
  });

  it('unparseable responses → malformed, content filter → refusal', () => {
    const parse = (() => {
      try {
        JSON.parse('{"id": "chatcmpl-1", "choi');
      } catch (error) {
        return error;
      }
    })();
    expect(classifyProviderError(parse, 'openai')).toMatchObject({ kind: 'malformed', retryable: true });
    expect(classifyProviderError(new ContentFilterFinishReasonError(), 'openai')).toMatchObject({ kind: 'refusal', retryable: false });
  });
});

describe('classifyProviderError: Anthropic SDK errors', () => {
  it('429 → rate_limited with retry-after seconds, using the readable API message', () => {
    const error = new Anthropic.RateLimitError(
      429,
      anthropicBody('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'),
      undefined,
      headers({ 'retry-after': '7', 'request-id': 'req_011' }),
    );
    const classified = classifyProviderError(error, 'anthropic');
    expect(classified).toMatchObject({ kind: 'rate_limited', retryable: true, details: { status: 429, retryAfterMs: 7000 } });
    expect(classified.message).toBe('anthropic: 429 Number of request tokens has exceeded your per-minute rate limit');
  });

  it.each([
    [529, 'overloaded_error', 'overloaded'],
    [500, 'api_error', 'overloaded'],
    [503, 'api_error', 'overloaded'],
    [400, 'invalid_request_error', 'bad_request'],
    [401, 'authentication_error', 'auth'],
    [402, 'billing_error', 'auth'],
    [403, 'permission_error', 'auth'],
    [404, 'not_found_error', 'unknown_model'],
    [413, 'request_too_large', 'bad_request'],
  ] as const)('status %i (%s) → %s', (status, type, kind) => {
    const error = Anthropic.APIError.generate(status, anthropicBody(type, 'details'), undefined, headers());
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(classifyProviderError(error, 'anthropic')).toMatchObject({ kind, details: { status } });
  });

  it('an overloaded_error event inside a stream → overloaded', () => {
    const midStream = new Anthropic.APIError(undefined, anthropicBody('overloaded_error', 'Overloaded'), undefined, headers(), 'overloaded_error');
    expect(classifyProviderError(midStream, 'anthropic')).toMatchObject({ kind: 'overloaded', message: 'anthropic: Overloaded' });
  });

  it('connection errors, timeouts and aborts', () => {
    expect(classifyProviderError(new Anthropic.APIConnectionError({ message: 'Connection error.' }), 'anthropic').kind).toBe('network');
    expect(classifyProviderError(new Anthropic.APIConnectionTimeoutError(), 'anthropic').kind).toBe('timeout');
    expect(classifyProviderError(new Anthropic.APIUserAbortError(), 'anthropic').kind).toBe('canceled');
  });

  it('passes a ProviderError through unchanged', () => {
    const error = new ProviderError('refusal', 'anthropic: the model refused', { provider: 'anthropic' });
    expect(classifyProviderError(error, 'anthropic')).toBe(error);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');

  it('reads retry-after-ms, then retry-after as seconds or an HTTP date', () => {
    expect(parseRetryAfterMs(headers({ 'retry-after-ms': '250.5' }), now)).toBe(251);
    expect(parseRetryAfterMs(headers({ 'retry-after': '1.5' }), now)).toBe(1500);
    expect(parseRetryAfterMs(headers({ 'retry-after': 'Sun, 01 Mar 2026 10:00:12 GMT' }), now)).toBe(12_000);
    expect(parseRetryAfterMs({ 'Retry-After': '3' }, now)).toBe(3000);
  });

  it('never goes negative and ignores garbage', () => {
    expect(parseRetryAfterMs(headers({ 'retry-after': 'Sun, 01 Mar 2026 09:59:00 GMT' }), now)).toBe(0);
    expect(parseRetryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'retry-after-ms': '-5' }), now)).toBeUndefined();
    expect(parseRetryAfterMs(headers(), now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('guardCall', () => {
  const never = (signal: AbortSignal) =>
    new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new OpenAI.APIUserAbortError())));

  it('turns its own deadline into a timeout, not a cancel', async () => {
    await expect(guardCall('openai', { timeoutMs: 20 }, never)).rejects.toMatchObject({
      kind: 'timeout',
      retryable: true,
      message: 'openai: no complete response within 20 ms',
    });
  });

  it('turns the caller’s abort into canceled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await expect(guardCall('openai', { timeoutMs: 5_000, signal: controller.signal }, never)).rejects.toMatchObject({
      kind: 'canceled',
      retryable: false,
    });
  });

  it('reports a result that arrives after the deadline (a stream the SDK ended quietly) as a timeout', async () => {
    const quiet = (signal: AbortSignal) => new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('partial')));
    await expect(guardCall('anthropic', { timeoutMs: 20 }, quiet)).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('classifies other failures and rethrows the caller’s own onDelta errors untouched', async () => {
    const rateLimited = new OpenAI.RateLimitError(429, openaiBody('slow down'), undefined, headers());
    await expect(guardCall('openai', { timeoutMs: 1_000 }, () => Promise.reject(rateLimited))).rejects.toMatchObject({ kind: 'rate_limited' });
    const mine = new Error('UI gone');
    const run = async () => {
      emitDelta(() => {
        throw mine;
      }, 'text');
      return 'unreachable';
    };
    await expect(guardCall('openai', { timeoutMs: 1_000 }, run)).rejects.toBe(mine);
  });
});
