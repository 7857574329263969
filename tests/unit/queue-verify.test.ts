import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signQStashMessage } from '@/lib/queue/sign';
import { loadLocalSigningKeys } from '@/lib/queue/signing-keys';

const current = 'sig_current_0123456789abcdefghijklmnopqrstuv';
const next = 'sig_next_0123456789abcdefghijklmnopqrstuvwxyz';
const expectedUrl = 'https://app.example.com/api/queue/runs';
const body = JSON.stringify({ runId: '0b8f6f1e-3c2a-4d5b-9e6f-7a8b9c0d1e2f' });

const saved = { ...process.env };
let queue: typeof import('@/lib/queue');

beforeAll(async () => {
  Object.assign(process.env, {
    APP_URL: 'https://app.example.com/',
    QSTASH_TOKEN: 'test-token',
    QSTASH_CURRENT_SIGNING_KEY: current,
    QSTASH_NEXT_SIGNING_KEY: next,
    CRON_SECRET: 'cron-secret-for-tests',
  });
  vi.resetModules(); // env() is memoised
  queue = await import('@/lib/queue');
});

afterAll(() => {
  process.env = saved;
  vi.resetModules();
});

/** A callback as it reaches the route; `at` is the URL the request claims (a proxy may rewrite the host). */
function callback({ signature, raw = body, at = 'http://127.0.0.1:3000/api/queue/runs' }: { signature?: string; raw?: string; at?: string }) {
  return new Request(at, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'Upstash-Signature': signature } : {}) },
    body: raw,
  });
}

describe('verifyQStashRequest', () => {
  it('accepts a message signed for this app URL and returns the raw body', async () => {
    const result = await queue.verifyQStashRequest(callback({ signature: signQStashMessage({ url: expectedUrl, body, key: current }) }));
    expect(result).toEqual({ ok: true, body });
  });

  it('accepts the next signing key', async () => {
    const result = await queue.verifyQStashRequest(callback({ signature: signQStashMessage({ url: expectedUrl, body, key: next }) }));
    expect(result.ok).toBe(true);
  });

  it('refuses a request without a signature', async () => {
    expect(await queue.verifyQStashRequest(callback({}))).toEqual({ ok: false, status: 401, reason: 'missing Upstash-Signature header' });
  });

  it.each([
    ['forged with another key', { signature: signQStashMessage({ url: expectedUrl, body, key: 'sig_attacker_0123456789abcdefghijklmnop' }) }],
    ['garbage', { signature: 'not-a-jwt' }],
    ['a replayed signature on another body', { signature: signQStashMessage({ url: expectedUrl, body, key: current }), raw: '{"runId":"6b2a1d0c-1111-4222-8333-944455556666"}' }],
    ['expired', { signature: signQStashMessage({ url: expectedUrl, body, key: current, now: new Date(Date.now() - 3_600_000) }) }],
    ['signed for another host', { signature: signQStashMessage({ url: 'https://evil.example.com/api/queue/runs', body, key: current }) }],
    ['signed for another job', { signature: signQStashMessage({ url: 'https://app.example.com/api/queue/other', body, key: current }) }],
    [
      'signed for the URL the request claims rather than the app URL',
      { signature: signQStashMessage({ url: 'http://127.0.0.1:3000/api/queue/runs', body, key: current }) },
    ],
  ])('refuses a message %s', async (_label, input) => {
    const result = await queue.verifyQStashRequest(callback(input));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).not.toBe('');
  });

  it('names the mismatch when the signature is good but the destination is not', async () => {
    const signature = signQStashMessage({ url: 'https://evil.example.com/api/queue/runs', body, key: current });
    const result = await queue.verifyQStashRequest(callback({ signature }));
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('invalid subject') });
  });

  it('checks the URL this app expects for the job path, not the path the request arrived at', async () => {
    const signature = signQStashMessage({ url: expectedUrl, body, key: current });
    expect((await queue.verifyQStashRequest(callback({ signature }), { path: '/api/queue/runs' })).ok).toBe(true);
    expect((await queue.verifyQStashRequest(callback({ signature }), { path: '/api/queue/recover-runs' })).ok).toBe(false);
  });

  it('refuses a body over the cap before reading it all (413)', async () => {
    const signature = signQStashMessage({ url: expectedUrl, body, key: current });
    // A declared length over the cap: nothing is read.
    const pulled = { bytes: 0 };
    const declared = new Request('http://127.0.0.1:3000/api/queue/runs', {
      method: 'POST',
      headers: { 'upstash-signature': signature, 'content-length': String(10 * 1024 * 1024) },
      body: endlessBody(pulled),
      duplex: 'half',
    } as RequestInit);
    expect(await queue.verifyQStashRequest(declared)).toMatchObject({ ok: false, status: 413 });
    expect(pulled.bytes).toBe(0);

    // No length, an endless stream: reading stops just past 64 KB.
    const streamed = new Request('http://127.0.0.1:3000/api/queue/runs', {
      method: 'POST',
      headers: { 'upstash-signature': signature },
      body: endlessBody(pulled),
      duplex: 'half',
    } as RequestInit);
    expect(await queue.verifyQStashRequest(streamed)).toMatchObject({ ok: false, status: 413, reason: expect.stringContaining('65536') });
    expect(pulled.bytes).toBeGreaterThan(64 * 1024);
    expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024 + 16 * 1024);
  });

  it('uses the QStash keys when QStash is configured', () => {
    expect(queue.getSigningKeys()).toEqual({ currentSigningKey: current, nextSigningKey: next, source: 'qstash' });
  });
});

/** A request body that never ends, 16 KB a pull, counting what was read from it. */
function endlessBody(pulled: { bytes: number }) {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.bytes += 16 * 1024;
      controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
    },
  }, { highWaterMark: 0 });
}

describe('loadLocalSigningKeys', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptlab-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a private key pair once and then reads it back', () => {
    const file = path.join(dir, 'nested', 'qstash-signing-keys.json');
    const first = loadLocalSigningKeys(file);
    expect(first.currentSigningKey).toMatch(/^sig_/);
    expect(first.nextSigningKey).not.toBe(first.currentSigningKey);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadLocalSigningKeys(file)).toEqual(first);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['qstash-signing-keys.json']);
  });

  it('refuses a corrupt key file with a message saying how to recover', () => {
    const file = path.join(dir, 'corrupt.json');
    fs.writeFileSync(file, '{"currentSigningKey":"short"}');
    expect(() => loadLocalSigningKeys(file)).toThrow(/delete it/);
  });
});
