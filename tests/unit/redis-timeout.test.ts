/** A Redis that accepts connections and never answers must not stall the cache, the rate limiter or the run channel. */
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

let server: net.Server;
const sockets = new Set<net.Socket>();
let url = '';

beforeAll(async () => {
  server = net.createServer((socket) => {
    sockets.add(socket); // read nothing, answer nothing
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  vi.unstubAllEnvs();
});

beforeEach(() => {
  vi.resetModules();
  vi.stubEnv('UPSTASH_REDIS_REST_URL', url);
  vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', 'hung-redis-token');
  vi.stubEnv('UPSTASH_REDIS_TIMEOUT_MS', '300');
  vi.stubEnv('RUN_CACHE_TTL_SECONDS', '60');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

const result = {
  runId: 'r-1',
  output: 'x',
  usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, totalTokens: 2, estimated: false },
  finishReason: 'stop',
  createdAt: '2025-01-01T00:00:00.000Z',
};

// Without a request timeout each of these waits on the socket forever (the test's own timeout fails it).
describe('with a hung Upstash Redis', () => {
  it('the cache reads as a miss and skips the write', async () => {
    const cache = await import('@/lib/cache');
    await expect(cache.getCachedRun('0'.repeat(64))).resolves.toBeNull();
    await expect(cache.setCachedRun('0'.repeat(64), result)).resolves.toBeUndefined();
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('[cache] read of cache:run:v1:'));
  });

  it('the rate limiter falls back to the in-process window', async () => {
    const { rateLimit } = await import('@/lib/ratelimit');
    await expect(rateLimit('runs', 'user:hung')).resolves.toMatchObject({ success: true, limit: 100 });
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('[ratelimit] runs:'));
  });

  it('publishing a run event gives up with null, and reading fails instead of waiting', async () => {
    const channel = await import('@/lib/run-channel');
    await expect(channel.publishRunEvent('run-1', { type: 'status', status: 'running' })).resolves.toBeNull();
    await expect(channel.readRunEvents('run-1')).rejects.toThrow();
  });
});
