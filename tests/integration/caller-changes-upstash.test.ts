/**
 * The caller change feed with the real @upstash/redis client against the REST stand-in over the local Redis: a
 * revocation on one instance reaches another's next check. Skipped when no Redis answers on 127.0.0.1:6379.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChangeFeed } from '@/lib/change-feed';
import { redisUnavailableReason, startUpstashStandin, type UpstashStandin } from '../fixtures/upstash-redis-standin';

const REDIS_URL = 'redis://127.0.0.1:6379';
const DB = 13;
const skipReason = await redisUnavailableReason(REDIS_URL);
if (skipReason) console.warn(`[caller-changes-upstash.test] skipping: ${skipReason}`);

describe.skipIf(Boolean(skipReason))('caller changes through Upstash', () => {
  const token = randomBytes(16).toString('hex');
  const key = `caller-changes-test-${randomUUID()}`;
  let standin: UpstashStandin;
  let client: Redis;

  beforeAll(async () => {
    standin = await startUpstashStandin({ redisUrl: REDIS_URL, token, db: DB });
    client = new Redis({ url: standin.url, token, enableTelemetry: false });
  });

  afterAll(async () => {
    const direct = new IORedis(REDIS_URL, { db: DB, protocol: 2 });
    await direct.del(key);
    await direct.quit();
    await standin?.close();
  });

  it("makes another instance drop its cached callers at its next check, and leaves the publisher's", async () => {
    const clock = { t: 0 };
    const feed = () => {
      const onChange = vi.fn();
      return { onChange, feed: createChangeFeed({ store: client, key, checkEveryMs: 5_000, onChange, now: () => clock.t }) };
    };
    const [a, b] = [feed(), feed()];
    await Promise.all([a.feed.check(), b.feed.check()]);
    a.feed.publish();
    await vi.waitFor(async () => expect(Number(await client.get(key))).toBe(1));
    clock.t += 5_000;
    await Promise.all([a.feed.check(), b.feed.check()]);
    expect(b.onChange).toHaveBeenCalledTimes(1);
    expect(a.onChange).not.toHaveBeenCalled();
  });
});
