import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from '@/lib/llm/registry';
import { redactSecrets } from '@/lib/llm/safe-errors';
import type { CompletionRequest, ProviderConfig } from '@/lib/llm/types';

const INTERNAL = 'root:x:0:0 internal-billing-db password=hunter2';
const KEY = 'sk-workspace-key-0123456789abcdef';

/** An endpoint whose answer is set per path: what an internal service or a hostile proxy could send back. */
let answers: Record<string, { status: number; body: string; type?: string }> = {};
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const answer = answers[path] ?? { status: 404, body: `no route ${path}` };
    res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const request = (): CompletionRequest => ({ model: 'm', messages: [{ role: 'user', content: 'hi' }], params: {}, timeoutMs: 5000 });
const failure = (config: ProviderConfig, call: 'complete' | 'stream' | 'listModels' = 'complete') => {
  const provider = createProvider(config);
  const pending =
    call === 'complete' ? provider.complete(request()) : call === 'stream' ? provider.stream(request(), () => {}) : provider.listModels();
  return pending.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Error & { kind?: string }) => error,
  );
};

describe('errors of an endpoint the workspace chose', () => {
  const custom = (path = '/v1'): ProviderConfig => ({ kind: 'openai-compatible', label: 'box', baseURL: `${base}${path}`, apiKey: KEY });

  it('carry the status and a known error token, never the body text', async () => {
    answers = {
      '/v1/chat/completions': { status: 404, body: JSON.stringify({ error: { message: INTERNAL, type: 'invalid_request_error', code: 'model_not_found' } }) },
    };
    const error = await failure(custom());
    expect(error.message).toBe('box: HTTP 404 Not Found (model_not_found)');
    expect(error.kind).toBe('unknown_model');
  });

  it.each([
    ['an HTML error page', { status: 500, body: `<html><body>${INTERNAL}</body></html>`, type: 'text/html' }, 'box: HTTP 500 Internal Server Error'],
    ['an unknown error code', { status: 403, body: JSON.stringify({ error: { message: INTERNAL, code: 'hunter2-db-creds' } }) }, 'box: HTTP 403 Forbidden'],
    ['a non-JSON 200', { status: 200, body: INTERNAL, type: 'application/json' }, 'box: the response could not be read'],
  ])('drop %s', async (_case, answer, expected) => {
    answers = { '/v1/chat/completions': answer };
    const error = await failure(custom());
    expect(error.message).toBe(expected);
    expect(error.message).not.toContain('hunter2');
  });

  it('drop an error event inside a 200 stream', async () => {
    answers = {
      '/v1/chat/completions': { status: 200, type: 'text/event-stream', body: `data: ${JSON.stringify({ error: { message: INTERNAL, type: 'server_error' } })}\n\n` },
    };
    const error = await failure(custom(), 'stream');
    expect(error.message).toBe('box: the endpoint reported an error (server_error)');
  });

  it('apply to Test connection’s model listing and to Anthropic endpoints', async () => {
    answers = { '/v1/models': { status: 502, body: INTERNAL, type: 'text/plain' } };
    expect((await failure(custom(), 'listModels')).message).toBe('box: HTTP 502 Bad Gateway');
    const anthropic = await failure({ kind: 'anthropic', label: 'anthropic', baseURL: base, apiKey: KEY }, 'listModels');
    expect(anthropic.message).toBe('anthropic: HTTP 502 Bad Gateway');
  });

  it('name the connection failure by its code only', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure({ kind: 'openai-compatible', label: 'box', baseURL: `http://127.0.0.1:${port}/v1` });
    expect(error.message).toBe('box: connection failed (ECONNREFUSED)');
    expect(error.kind).toBe('network');
  });
});

describe('errors of the operator’s own endpoints', () => {
  it('keep the provider’s message, with the key and other secrets masked', async () => {
    answers = {
      '/v1/chat/completions': {
        status: 401,
        body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}. Sent as Bearer ${KEY}`, type: 'invalid_request_error', code: 'invalid_api_key' } }),
      },
    };
    const error = await failure({ kind: 'openai', label: 'openai', baseURL: `${base}/v1`, apiKey: KEY, trusted: true });
    expect(error.message).toContain('openai: 401 Incorrect API key provided');
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain('0123456789abcdef');
  });
});

describe('redactSecrets', () => {
  it.each([
    ['key sk-live-abc', ['sk-live-abc'], 'key ••••'],
    ['Authorization: Bearer eyJhbGciOi.payload.sig', [], 'Authorization: Bearer ••••'],
    ['calling https://admin:s3cret@internal.example/v1 failed', [], 'calling https://••••@internal.example/v1 failed'],
    ['GET /v1/models?api_key=abcd1234&x=1', [], 'GET /v1/models?api_key=••••&x=1'],
    ['{"api_key": "abcd1234efgh"}', [], '{"api_key": "••••"}'],
    ['invalid key gsk_0123456789abcdefghij', [], 'invalid key ••••'],
    ['anthropic key sk-ant-api03-abcdefghijklmnop', [], 'anthropic key ••••'],
    ['model gpt-4o-mini not found', [], 'model gpt-4o-mini not found'],
    ['model xai-grok-beta-model is not available; max_tokens is too large', [], 'model xai-grok-beta-model is not available; max_tokens is too large'],
  ])('%s', (message, secrets, expected) => {
    expect(redactSecrets(message, secrets)).toBe(expected);
  });

  it('caps the length', () => {
    expect(redactSecrets('x'.repeat(10_000)).length).toBeLessThanOrEqual(500);
  });
});
