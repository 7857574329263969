import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { qstashTestSettings } from '../fixtures/qstash-standin';

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
type Answer = { status: number; body?: string; headers?: Record<string, string> };

/** A real HTTP server on 127.0.0.1 that records every request and answers with `respond`. */
async function startServer(respond: (req: Seen) => Answer | Promise<Answer>) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      try {
        const answer = await respond(request);
        res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
      } catch (error) {
        res.writeHead(599).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const runId = '0b8f6f1e-3c2a-4d5b-9e6f-7a8b9c0d1e2f';
const savedEnv = { ...process.env };
const savedCwd = process.cwd();
const globalForQueue = globalThis as { promptlabLocalDispatcher?: unknown };

afterAll(() => {
  process.env = savedEnv;
  process.chdir(savedCwd);
  delete globalForQueue.promptlabLocalDispatcher;
  vi.resetModules();
});

describe('local dispatcher over real HTTP (no QStash)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'promptlab-queue-'));
  let callback: Awaited<ReturnType<typeof startServer>>;
  let queue: typeof import('@/lib/queue');
  let answers: number[] = [];
  const verified: Array<{ retried: string; messageId: string; body: string }> = [];

  beforeAll(async () => {
    process.chdir(tmp); // the local signing keys go to ./.data
    callback = await startServer(async (req) => {
      // What the callback route does: verify the raw body against the expected URL, then answer.
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])),
        body: req.body,
      });
      const result = await queue.verifyQStashRequest(request);
      if (!result.ok) return { status: 401, body: result.reason };
      verified.push({ retried: String(req.headers['upstash-retried']), messageId: String(req.headers['upstash-message-id']), body: result.body });
      return { status: answers.shift() ?? 200 };
    });
    Object.assign(process.env, { APP_URL: callback.url, QSTASH_TOKEN: '', QSTASH_URL: '', RUN_MAX_ATTEMPTS: '3' });
    vi.resetModules(); // env() is memoised
    delete globalForQueue.promptlabLocalDispatcher;
    queue = await import('@/lib/queue');
  });

  afterEach(() => {
    verified.length = 0;
    callback.seen.length = 0;
  });

  afterAll(async () => {
    await callback.close();
    process.chdir(savedCwd);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('retries through real fetch after two 500s and delivers exactly once', async () => {
    answers = [500, 500, 200];
    const logger = { warn: vi.fn() };
    const local = queue.createLocalDispatcher({ baseUrl: callback.url, maxAttempts: 3, backoff: () => 10, logger });
    local.enqueue({ path: '/api/queue/runs', body: JSON.stringify({ runId }) });
    await local.drain();

    expect(callback.seen).toHaveLength(3);
    expect(verified.map((v) => v.retried)).toEqual(['0', '1', '2']);
    expect(new Set(verified.map((v) => v.messageId)).size).toBe(1);
    expect(verified.every((v) => v.body === JSON.stringify({ runId }))).toBe(true);
    expect(local.stats()).toMatchObject({ delivered: 1, retried: 2, dropped: 0, pending: 0, inFlight: 0 });
    expect(logger.warn).toHaveBeenCalledTimes(2); // one line a retry, none on success

    const keyFile = path.join(tmp, '.data', 'qstash-signing-keys.json');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(queue.getSigningKeys().source).toBe('local');
  });

  it('gives up after maxAttempts when the callback keeps failing', async () => {
    answers = [503, 503, 503, 200];
    const logger = { warn: vi.fn() };
    const local = queue.createLocalDispatcher({ baseUrl: callback.url, maxAttempts: 3, backoff: () => 10, logger });
    local.enqueue({ path: '/api/queue/runs', body: JSON.stringify({ runId }) });
    await local.drain();
    expect(callback.seen).toHaveLength(3);
    expect(local.stats()).toMatchObject({ delivered: 0, dropped: 1 });
    expect(logger.warn).toHaveBeenLastCalledWith(expect.stringContaining('giving up'));
  });

  it('dispatch() without QStash goes through the local dispatcher to the same callback URL', async () => {
    answers = [];
    const first = await queue.dispatch(queue.runsJob, { runId }, { deduplicationId: runId });
    const again = await queue.dispatch(queue.runsJob, { runId }, { deduplicationId: runId });
    await queue.getLocalDispatcher().drain();

    expect(first).toMatchObject({ transport: 'local', deduplicated: false });
    expect(again).toEqual({ ...first, deduplicated: true });
    expect(callback.seen.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/queue/runs']);
    expect(verified).toEqual([{ retried: '0', messageId: first.messageId, body: JSON.stringify({ runId }) }]);
  });

  it('the callback refuses an unsigned or forged request', async () => {
    const body = JSON.stringify({ runId });
    const unsigned = await fetch(`${callback.url}/api/queue/runs`, { method: 'POST', body });
    const forged = await fetch(`${callback.url}/api/queue/runs`, {
      method: 'POST',
      body,
      headers: { 'Upstash-Signature': queue.signQStashMessage({ url: `${callback.url}/api/queue/runs`, body, key: 'sig_not_ours_0123456789abcdefghijkl' }) },
    });
    expect([unsigned.status, forged.status]).toEqual([401, 401]);
    expect(verified).toHaveLength(0);
  });

  it('dispatch() rejects a payload that fails the job schema before sending anything', async () => {
    await expect(queue.dispatch(queue.runsJob, { runId: 'not-a-uuid' })).rejects.toThrow();
    expect(callback.seen).toHaveLength(0);
  });
});

describe('local dispatcher with a public APP_URL (no QStash)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'promptlab-queue-public-'));
  let server: Awaited<ReturnType<typeof startServer>>;
  let queue: typeof import('@/lib/queue');
  const results: Array<{ host: string; ok: boolean }> = [];

  beforeAll(async () => {
    process.chdir(tmp);
    server = await startServer(async (req) => {
      const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: { 'upstash-signature': String(req.headers['upstash-signature']) }, body: req.body });
      const result = await queue.verifyQStashRequest(request);
      results.push({ host: String(req.headers.host), ok: result.ok });
      return { status: result.ok ? 200 : 401 };
    });
    // This server is the app; people reach it at a public origin that does not route here.
    Object.assign(process.env, { APP_URL: 'https://promptlab.invalid', PORT: new URL(server.url).port, QSTASH_TOKEN: '', QSTASH_URL: '', LOCAL_DISPATCH_URL: '' });
    vi.resetModules();
    delete globalForQueue.promptlabLocalDispatcher;
    queue = await import('@/lib/queue');
  });

  afterAll(async () => {
    await server.close();
    process.chdir(savedCwd);
    fs.rmSync(tmp, { recursive: true, force: true });
    delete globalForQueue.promptlabLocalDispatcher;
  });

  it("delivers to the server's own loopback address, signed for the public URL the callback verifies", async () => {
    await queue.dispatch(queue.runsJob, { runId }, { deduplicationId: `public-${runId}` });
    await queue.getLocalDispatcher().drain();
    expect(results).toEqual([{ host: `127.0.0.1:${new URL(server.url).port}`, ok: true }]);
    expect(queue.getLocalDispatcher().stats()).toMatchObject({ delivered: 1, dropped: 0 });
  });
});

describe('dispatch() with QStash configured', () => {
  let qstash: Awaited<ReturnType<typeof startServer>>;
  let queue: typeof import('@/lib/queue');
  let answer: Answer = { status: 200 };

  beforeAll(async () => {
    qstash = await startServer(() => answer);
    Object.assign(process.env, {
      ...qstashTestSettings(qstash.url),
      RUN_MAX_ATTEMPTS: '4',
    });
    vi.resetModules(); // env() is memoised
    queue = await import('@/lib/queue');
  });

  afterEach(() => {
    qstash.seen.length = 0;
  });

  afterAll(() => qstash.close());

  it('publishes to /v2/publish/<callback URL> with dedup id, retries and delay', async () => {
    answer = { status: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId: 'msg_fake_1', url: 'x' }) };
    const result = await queue.dispatch(queue.runsJob, { runId }, { deduplicationId: `run-${runId}`, delaySeconds: 30 });

    expect(result).toEqual({ messageId: 'msg_fake_1', deduplicated: false, transport: 'qstash' });
    expect(qstash.seen).toHaveLength(1);
    const [publish] = qstash.seen;
    expect(publish!.method).toBe('POST');
    expect(publish!.url).toBe('/v2/publish/https://promptlab.example.com/api/queue/runs');
    expect(publish!.headers).toMatchObject({
      authorization: 'Bearer qstash-test-token',
      'content-type': 'application/json',
      'upstash-deduplication-id': `run-${runId}`,
      'upstash-retries': '3',
      'upstash-delay': '30s',
      'upstash-method': 'POST',
    });
    expect(JSON.parse(publish!.body)).toEqual({ runId });
  });

  it('leaves out the optional headers and reports QStash deduplication', async () => {
    answer = { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId: 'msg_fake_0', deduplicated: true }) };
    const result = await queue.dispatch(queue.runsJob, { runId });
    expect(result).toEqual({ messageId: 'msg_fake_0', deduplicated: true, transport: 'qstash' });
    expect(qstash.seen[0]!.headers['upstash-deduplication-id']).toBeUndefined();
    expect(qstash.seen[0]!.headers['upstash-delay']).toBeUndefined();
  });

  it('rejects when QStash refuses the publish, so the caller can log it', async () => {
    answer = { status: 401, body: JSON.stringify({ error: 'invalid token' }) };
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(queue.dispatch(queue.runsJob, { runId })).rejects.toThrow();
    vi.restoreAllMocks();
  });
});
