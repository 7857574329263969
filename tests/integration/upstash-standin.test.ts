/**
 * The real @upstash/redis and @upstash/ratelimit clients, and lib/cache, lib/ratelimit and lib/run-channel in
 * Upstash mode, against the REST stand-in over the local Redis. Skipped when no Redis answers on 127.0.0.1:6379.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisUnavailableReason, startUpstashStandin, type UpstashStandin } from '../fixtures/upstash-redis-standin';

const REDIS_URL = 'redis://127.0.0.1:6379';
// A database index of its own keeps these keys away from anything else using the local Redis.
const DB = 13;

const skipReason = await redisUnavailableReason(REDIS_URL);
if (skipReason) console.warn(`[upstash-standin.test] skipping: ${skipReason}`);

/** Every key this file creates contains the tag (or is listed), so cleanup never touches a parallel run's keys. */
const tag = `standin-test-${randomUUID()}`;
const extraKeys: string[] = [];

/** Sliding windows weigh the previous window: keep a burst of requests clear of a minute boundary. */
async function awayFromMinuteBoundary() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
}

async function loadLib(standin: { url: string; token: string }, settings: Record<string, string> = {}) {
  vi.resetModules(); // env() and the Redis client are memoised per module instance
  vi.stubEnv('UPSTASH_REDIS_REST_URL', standin.url);
  vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', standin.token);
  for (const [name, value] of Object.entries(settings)) vi.stubEnv(name, value);
  const [cache, ratelimit, channel, redis] = await Promise.all([
    import('@/lib/cache'),
    import('@/lib/ratelimit'),
    import('@/lib/run-channel'),
    import('@/lib/redis'),
  ]);
  return { ...cache, ...ratelimit, ...channel, ...redis };
}

const cachedResult = (runId: string) => ({
  runId,
  output: 'Tides are caused by the moon. ✓',
  usage: { inputTokens: 12, outputTokens: 7, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, totalTokens: 19, estimated: false },
  finishReason: 'stop',
  createdAt: new Date().toISOString(),
});

describe.skipIf(Boolean(skipReason))('Upstash REST stand-in over local Redis', () => {
  const token = randomBytes(16).toString('hex');
  let standin: UpstashStandin;
  let direct: IORedis;
  let client: Redis;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${standin.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    standin = await startUpstashStandin({ redisUrl: REDIS_URL, token, db: DB });
    direct = new IORedis(REDIS_URL, { db: DB, protocol: 2 });
    client = new Redis({ url: standin.url, token, enableTelemetry: false });
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    if (direct) {
      const tagged: string[] = [];
      let cursor = '0';
      do {
        const [next, keys] = await direct.scan(cursor, 'MATCH', `*${tag}*`, 'COUNT', 1000);
        cursor = next;
        tagged.push(...keys);
      } while (cursor !== '0');
      const keys = [...tagged, ...extraKeys];
      if (keys.length > 0) await direct.del(...keys);
      await direct.quit();
    }
    await standin?.close();
  });

  describe('protocol', () => {
    it('refuses a missing or wrong token with 401', async () => {
      const res = await fetch(standin.url, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '["PING"]' });
      expect(res.status).toBe(401);
      expect((await fetch(standin.url, { method: 'POST', body: '["PING"]' })).status).toBe(401);
    });

    it('answers one command with {result}, a failing one with 400 {error}, and base64 when asked', async () => {
      const key = `${tag}:raw`;
      expect(await (await post('/', ['SET', key, 'héllo'])).json()).toEqual({ result: 'OK' });
      expect(await (await post('/', ['GET', key])).json()).toEqual({ result: 'héllo' });
      expect(await (await post('/', ['GET', key], { 'Upstash-Encoding': 'base64' })).json()).toEqual({
        result: Buffer.from('héllo').toString('base64'),
      });
      expect(await (await post('/', ['STRLEN', key], { 'Upstash-Encoding': 'base64' })).json()).toEqual({ result: 6 });
      const failed = await post('/', ['INCR', key]);
      expect(failed.status).toBe(400);
      expect((await failed.json()).error).toMatch(/not an integer/);
    });

    it('runs /pipeline items independently and /multi-exec atomically', async () => {
      const key = `${tag}:pipe`;
      const pipeline = await post('/pipeline', [['SET', key, '1'], ['HGET', key, 'x'], ['INCR', key], ['GET', `${tag}:missing`]]);
      expect(pipeline.status).toBe(200);
      const items = await pipeline.json();
      expect(items[0]).toEqual({ result: 'OK' });
      expect(items[1].error).toMatch(/WRONGTYPE/);
      expect(items.slice(2)).toEqual([{ result: 2 }, { result: null }]);

      const multi = await post('/multi-exec', [['INCR', key], ['INCR', key]]);
      expect(await multi.json()).toEqual([{ result: 3 }, { result: 4 }]);
      expect((await post('/multi-exec', [['INCR', key], ['SELECT', '0']])).status).toBe(400);
      expect(await direct.get(key)).toBe('4'); // the refused transaction ran nothing
    });

    it('refuses blocking reads, as Upstash REST has none', async () => {
      const res = await post('/', ['XREAD', 'BLOCK', '100', 'STREAMS', `${tag}:stream`, '$']);
      expect(res.status).toBe(400);
    });
  });

  describe('@upstash/redis client', () => {
    it('sets and gets strings and JSON, auto-pipelining concurrent commands into one request', async () => {
      const [a, b] = [`${tag}:a`, `${tag}:b`];
      const before = standin.log.length;
      // Reads and writes go in separate pipelines (separate requests), so write first, then read.
      expect(await Promise.all([client.set(a, 'plain text ✓'), client.set(b, { n: 1, list: ['x'] })])).toEqual(['OK', 'OK']);
      expect(await Promise.all([client.get(a), client.get(b), client.get(`${tag}:missing`)])).toEqual(['plain text ✓', { n: 1, list: ['x'] }, null]);
      const entries = standin.log.slice(before);
      expect(entries.map((e) => e.command)).toEqual(['SET', 'SET', 'GET', 'GET', 'GET']);
      expect(entries.every((e) => e.path === '/pipeline')).toBe(true);
      expect(new Set(entries.slice(0, 2).map((e) => e.request)).size).toBe(1);
      expect(new Set(entries.slice(2).map((e) => e.request)).size).toBe(1);
    });

    it('reads a hash with HGETALL (a flat array on the wire) and decodes base64 results in nested arrays', async () => {
      const key = `${tag}:hash`;
      await client.hset(key, { name: 'Zoë', count: 3, nested: { ok: true } });
      expect(await client.hgetall(key)).toEqual({ name: 'Zoë', count: 3, nested: { ok: true } });
      const raw = await (await post('/', ['HGETALL', key], { 'Upstash-Encoding': 'base64' })).json();
      const decoded = (raw.result as string[]).map((item) => Buffer.from(item, 'base64').toString('utf8'));
      expect(decoded).toEqual(['name', 'Zoë', 'count', '3', 'nested', '{"ok":true}']);

      await client.rpush(`${tag}:list`, 'ü', 'v');
      expect(await client.lrange(`${tag}:list`, 0, -1)).toEqual(['ü', 'v']);
      const script = await client.eval<[], unknown>("return {'é', {1, 'ß'}, false}", [], []);
      expect(script).toEqual(['é', [1, 'ß'], null]);
    });

    it('runs a multi() transaction through /multi-exec', async () => {
      const key = `${tag}:counter`;
      const before = standin.log.length;
      expect(await client.multi().incr(key).incrby(key, 5).get(key).exec()).toEqual([1, 6, 6]);
      expect(standin.log.slice(before).every((e) => e.path === '/multi-exec')).toBe(true);
    });
  });

  describe('@upstash/ratelimit', () => {
    it('allows N requests in a sliding window and denies the next, loading its script with EVAL after NOSCRIPT', async () => {
      await awayFromMinuteBoundary();
      const limiter = new Ratelimit({ redis: client, limiter: Ratelimit.slidingWindow(3, '60 s'), prefix: tag, ephemeralCache: false });
      const before = standin.log.length;
      const outcomes = [];
      for (let i = 0; i < 4; i++) outcomes.push(await limiter.limit('user-1'));
      expect(outcomes.map((o) => o.success)).toEqual([true, true, true, false]);
      expect(outcomes.map((o) => o.remaining)).toEqual([2, 1, 0, 0]);
      expect(outcomes[0]).toMatchObject({ limit: 3 });
      expect(outcomes.some((o) => o.reason === 'timeout')).toBe(false);

      const scripting = standin.log.slice(before).filter((e) => e.command.startsWith('EVAL'));
      expect(scripting[0]).toMatchObject({ command: 'EVALSHA', error: expect.stringContaining('NOSCRIPT') });
      expect(scripting[1]).toMatchObject({ command: 'EVAL', error: null });
      // Later calls use the original SHA1, which the stand-in maps to the rewritten script.
      expect(scripting.slice(2).map((e) => [e.command, e.error])).toEqual([
        ['EVALSHA', null],
        ['EVALSHA', null],
        ['EVALSHA', null],
      ]);
      expect((await limiter.limit('user-2')).success).toBe(true); // identifiers are counted apart
    });
  });

  describe('lib modules in Upstash mode', () => {
    it('caches run results in Redis under cache:run:v1:<hash> with the configured TTL', async () => {
      const lib = await loadLib(standin, { RUN_CACHE_TTL_SECONDS: '120' });
      expect(lib.getRedis()).not.toBeNull();
      const hash = lib.runCacheKey({
        workspaceId: tag,
        versionId: tag,
        messages: [{ role: 'user', content: 'Explain tides' }],
        provider: 'openai',
        model: 'gpt-test',
        params: { temperature: 0 },
        variables: {},
      });
      const key = `cache:run:v1:${hash}`;
      extraKeys.push(key);
      expect(await lib.getCachedRun(hash)).toBeNull();
      const value = cachedResult(randomUUID());
      await lib.setCachedRun(hash, value);
      expect(await lib.getCachedRun(hash)).toEqual(value);
      const ttl = await direct.ttl(key);
      expect(ttl).toBeGreaterThan(110);
      expect(ttl).toBeLessThanOrEqual(120);

      await direct.set(key, '{"runId":42}');
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      expect(await lib.getCachedRun(hash)).toBeNull(); // a malformed entry is a miss
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('[cache]'));
      warn.mockRestore();
    });

    it('rate-limits the runs policy through Redis and reports it in headers', async () => {
      await awayFromMinuteBoundary();
      const lib = await loadLib(standin, { RATE_LIMIT_RUNS_PER_MINUTE: '3' });
      const key = `user:${tag}`;
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await lib.rateLimit('runs', key));
      expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
      expect(results[3]).toMatchObject({ limit: 3, remaining: 0 });
      expect(await direct.keys(`ratelimit:runs:${key}:*`)).toHaveLength(1);

      const headers = lib.rateLimitHeaders(results[3]!);
      expect(headers['X-RateLimit-Limit']).toBe('3');
      expect(headers['X-RateLimit-Remaining']).toBe('0');
      expect(Number(headers['X-RateLimit-Reset'])).toBe(Math.ceil(results[3]!.reset / 1000));
      expect(Number(headers['Retry-After'])).toBeGreaterThanOrEqual(1);
      expect(Number(headers['Retry-After'])).toBeLessThanOrEqual(60);
      expect(lib.rateLimitHeaders(results[0]!)).not.toHaveProperty('Retry-After');
      expect((await lib.rateLimit('login', key)).success).toBe(true); // policies are counted apart
    });

    it('streams run events through a Redis stream with a TTL, resumable after any id', async () => {
      const lib = await loadLib(standin);
      const run = `${tag}-run`;
      const key = `run:${run}:events`;
      const ids = [];
      for (const text of ['Tides ', 'rise ', 'and ']) ids.push(await lib.publishRunEvent(run, { type: 'delta', text }));
      expect(ids.every((id) => typeof id === 'string' && /^\d+-\d+$/.test(id))).toBe(true);
      const ttl = await direct.ttl(key);
      expect(ttl).toBeGreaterThan(590);
      expect(ttl).toBeLessThanOrEqual(600);

      const all = await lib.readRunEvents(run);
      expect(all.events.map((e) => e.id)).toEqual(ids);
      expect(all.events.map((e) => (e.event.type === 'delta' ? e.event.text : '')).join('')).toBe('Tides rise and ');
      expect((await lib.readRunEvents(run, ids[0]!)).events.map((e) => e.id)).toEqual(ids.slice(1));

      // A waiting reader polls and wakes up shortly after the next publish.
      const started = Date.now();
      const waiting = lib.waitForRunEvents(run, ids[2]!, 5_000);
      setTimeout(() => void lib.publishRunEvent(run, { type: 'done', status: 'succeeded' }), 150);
      const { events } = await waiting;
      expect(events.map((e) => e.event)).toEqual([{ type: 'done', status: 'succeeded' }]);
      expect(Date.now() - started).toBeLessThan(2_000);

      // Fire-and-forget publishes of one run still land in call order.
      const burst = Array.from({ length: 20 }, (_, i) => lib.publishRunEvent(run, { type: 'delta', text: String(i) }));
      await Promise.all(burst);
      const tail = await lib.readRunEvents(run, events[0]!.id);
      expect(tail.events.map((e) => (e.event.type === 'delta' ? e.event.text : ''))).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
      expect((await lib.waitForRunEvents(`${tag}-quiet`, undefined, 250)).events).toEqual([]);
    });

    it('publishes a delta longer than MAX_DELTA_CHARS as several stream entries, in order', async () => {
      const lib = await loadLib(standin);
      const run = `${tag}-big-delta`;
      const text = 'x'.repeat(lib.MAX_DELTA_CHARS * 2 + 10);
      const id = await lib.publishRunEvent(run, { type: 'delta', text });
      const { events } = await lib.readRunEvents(run);
      expect(events.map((e) => (e.event.type === 'delta' ? e.event.text.length : 0))).toEqual([lib.MAX_DELTA_CHARS, lib.MAX_DELTA_CHARS, 10]);
      expect(events.at(-1)?.id).toBe(id);
    });

    it('fails open when Upstash cannot be reached: cache misses, writes skipped, limits kept in process, publishes dropped', async () => {
      const gone = await startUpstashStandin({ redisUrl: REDIS_URL, token, db: DB });
      await gone.close();
      const lib = await loadLib(gone, { RATE_LIMIT_RUNS_PER_MINUTE: '2' });
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        const hash = 'f'.repeat(64);
        await expect(lib.setCachedRun(hash, cachedResult('r'))).resolves.toBeUndefined();
        expect(await lib.getCachedRun(hash)).toBeNull();
        const limited = [];
        for (let i = 0; i < 3; i++) limited.push((await lib.rateLimit('runs', `user:${tag}:down`)).success);
        expect(limited).toEqual([true, true, false]); // the in-process window takes over
        expect(await lib.publishRunEvent(`${tag}-down`, { type: 'delta', text: 'x' })).toBeNull();
        const messages = warn.mock.calls.map((call) => String(call[0]));
        expect(messages.some((m) => m.startsWith('[cache]'))).toBe(true);
        expect(messages.some((m) => m.startsWith('[ratelimit]'))).toBe(true);
        expect(messages.some((m) => m.startsWith('[run-channel]'))).toBe(true);
      } finally {
        warn.mockRestore();
      }
    });
  });
});
