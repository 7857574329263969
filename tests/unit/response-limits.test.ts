import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAICompatibleProvider } from '@/lib/llm/openai-compatible';
import { withSafeErrors } from '@/lib/llm/safe-errors';
import { ProviderError } from '@/lib/llm/types';
import { createGuardedFetch } from '@/lib/net/guarded-fetch';
import { limitResponse, MAX_EVENT_BYTES, ResponseTooLargeError, responseLimits } from '@/lib/net/response-limits';

const MB = 1024 * 1024;
// The limits derive from the output limit: with 1,000 characters a stream may be 1 MiB + 256,000 bytes.
const MAX_OUTPUT_CHARS = 1000;

type Served = { sent: number; finished: boolean };

/** Writes `block` until `total` bytes went out or the client hung up, honouring backpressure. */
function pump(res: http.ServerResponse, block: Buffer, total: number, done: (served: Served) => void) {
  let sent = 0;
  res.on('close', () => done({ sent, finished: res.writableFinished }));
  const write = () => {
    while (sent < total) {
      sent += block.length;
      if (!res.write(block)) return void res.once('drain', write);
    }
    res.end();
  };
  write();
}

describe('the byte limits on a provider answer', () => {
  let server: http.Server;
  let baseURL = '';
  const served: Served[] = [];
  let lastServed: Promise<Served> = Promise.resolve({ sent: 0, finished: false });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      lastServed = new Promise<Served>((resolve) => {
        const mode = req.url!.split('/')[1];
        if (mode === 'big-json') {
          res.writeHead(200, { 'content-type': 'application/json' });
          // One model id of 5 MB: valid JSON, too large to read whole.
          return pump(res, Buffer.from(`{"object":"list","data":[{"id":"${'m'.repeat(5 * MB)}"}]}`), 1, resolve);
        }
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        if (mode === 'no-newline') return pump(res, Buffer.alloc(64 * 1024, 'x'), 20 * MB, resolve);
        // Well-formed events that carry no text, without end.
        pump(res, Buffer.from('data: {"id":"c","object":"chat.completion.chunk","choices":[]}\n\n'.repeat(512)), Infinity, resolve);
      }).then((s) => (served.push(s), s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections(); // an endless response the client failed to cut would hold close() open
    await new Promise((resolve) => server.close(resolve));
  });

  // What a run gets: the SDK behind the guarded fetch, its errors made safe for a workspace-chosen endpoint.
  const provider = (mode: string) =>
    withSafeErrors(
      createOpenAICompatibleProvider({
        label: 'custom',
        baseURL: `${baseURL}/${mode}/v1`,
        fetch: createGuardedFetch({ allowPrivate: true, maxOutputChars: MAX_OUTPUT_CHARS }),
      }),
      { echo: false },
    );
  const chat = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], params: {}, timeoutMs: 60_000 };
  const failure = (call: Promise<unknown>) => call.then(() => null, (e: unknown) => e as ProviderError);

  it('cuts a stream of 20 MB without a newline at the event limit, as a non-retryable provider error', async () => {
    const deltas: string[] = [];
    const error = await failure(provider('no-newline').stream(chat, (text) => deltas.push(text)));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'bad_request', retryable: false });
    expect(error!.message).toBe(`custom: the endpoint's answer exceeded ${MAX_EVENT_BYTES.toLocaleString('en-US')} bytes without ending a stream event (a blank line)`);
    expect(deltas).toEqual([]);
    // The connection was cut: the server could not write it all (what it wrote sits in socket buffers).
    const { sent, finished } = await lastServed;
    expect(finished).toBe(false);
    expect(sent).toBeLessThan(20 * MB);
  });

  it('cuts an endless stream of well-formed events at the total limit', async () => {
    const error = await failure(provider('endless').stream(chat, () => {}));
    const { maxBytes } = responseLimits({ maxOutputChars: MAX_OUTPUT_CHARS, stream: true });
    expect(error).toMatchObject({ kind: 'bad_request', retryable: false });
    expect(error!.message).toBe(`custom: the endpoint's answer exceeded ${maxBytes.toLocaleString('en-US')} bytes, the most a provider call reads`);
    const { sent, finished } = await lastServed;
    expect(finished).toBe(false);
    expect(sent).toBeLessThan(maxBytes + 16 * MB);
  });

  it('reads a JSON answer (a model list) up to its smaller limit', async () => {
    const error = await failure(provider('big-json').listModels({ timeoutMs: 60_000 }));
    const { maxBytes } = responseLimits({ maxOutputChars: MAX_OUTPUT_CHARS, stream: false });
    expect(error).toMatchObject({ kind: 'bad_request', retryable: false });
    expect(error!.message).toBe(`custom: the endpoint's answer exceeded ${maxBytes.toLocaleString('en-US')} bytes, the most a provider call reads`);
    expect(error!.message).not.toContain('mmmm');
  });
});

describe('limitResponse', () => {
  // Small limits, so event ends can be tried at every position across chunk boundaries.
  const small = { maxBytes: 100_000, maxEventBytes: 64 };
  const read = (chunks: Uint8Array[], limits: { maxBytes: number; maxEventBytes: number | null } = small) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    return limitResponse(new Response(body, { headers: { 'content-type': 'text/event-stream' } }), limits).text();
  };
  /** `text` cut into chunks of `size` bytes, so event ends fall across chunk boundaries. */
  const chunked = (text: string, size: number) => {
    const all = new TextEncoder().encode(text);
    return Array.from({ length: Math.ceil(all.length / size) }, (_, i) => all.subarray(i * size, (i + 1) * size));
  };
  const event = (bytes: number, end: string) => `data: ${'y'.repeat(bytes - 6 - end.length)}${end}`;

  it.each(['\n\n', '\r\n\r\n', '\r\r'])('passes events of the event limit whatever the chunking (%j ends)', async (end) => {
    const body = Array.from({ length: 20 }, () => event(small.maxEventBytes, end)).join('');
    for (const size of [1, 2, 3, 5, 7, 64, 100]) await expect(read(chunked(body, size))).resolves.toBe(body);
  });

  it('refuses more unfinished event than the limit between chunks, however it is chunked', async () => {
    const body = event(small.maxEventBytes, '\n\n') + event(2 * small.maxEventBytes + 2, '\n\n');
    for (const size of [1, 3, 64]) await expect(read(chunked(body, size))).rejects.toBeInstanceOf(ResponseTooLargeError);
    // Lines that never make a blank line are one event to the SDK's decoder.
    await expect(read(chunked('data: x\n'.repeat(20), 8))).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it('holds a JSON answer to its total only: one line may be as long as the limit', async () => {
    const limits = responseLimits({ maxOutputChars: MAX_OUTPUT_CHARS, stream: false });
    const body = `"${'z'.repeat(limits.maxBytes - 2)}"`;
    await expect(read(chunked(body, 65_536), limits)).resolves.toHaveLength(limits.maxBytes);
    await expect(read(chunked(`${body} `, 65_536), limits)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });
});
