/** The run-result cache on its in-process path (no Upstash configured). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CachedRunResult, RunCacheKeyParts } from '@/lib/cache';

// env() is memoised, so each test gets fresh modules under its own settings.
async function loadCache(settings: Record<string, string> = {}) {
  vi.resetModules();
  vi.stubEnv('UPSTASH_REDIS_REST_URL', undefined);
  vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', undefined);
  vi.stubEnv('RUN_CACHE_TTL_SECONDS', undefined);
  for (const [name, value] of Object.entries(settings)) vi.stubEnv(name, value);
  return import('@/lib/cache');
}

const parts = (overrides: Partial<RunCacheKeyParts> = {}): RunCacheKeyParts => ({
  workspaceId: 'w-1',
  versionId: 'v-1',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Summarize tides' },
  ],
  provider: 'openai',
  model: 'gpt-test',
  params: { temperature: 0.2, maxTokens: 100, stop: ['\n\n', 'END'] },
  variables: { topic: 'tides', meta: { lang: 'en', tags: ['a', 'b'] } },
  ...overrides,
});

const result = (runId: string): CachedRunResult => ({
  runId,
  output: `output of ${runId}`,
  usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, totalTokens: 15, estimated: false },
  finishReason: 'stop',
  createdAt: '2025-01-01T00:00:00.000Z',
});

const hashOf = (n: number) => n.toString(16).padStart(64, '0');

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('runCacheKey', () => {
  it('is a hex SHA-256 that ignores property order at every depth', async () => {
    const { runCacheKey } = await loadCache();
    const key = runCacheKey(parts());
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const reordered: RunCacheKeyParts = {
      variables: { meta: { tags: ['a', 'b'], lang: 'en' }, topic: 'tides' },
      params: { stop: ['\n\n', 'END'], maxTokens: 100, temperature: 0.2 },
      model: 'gpt-test',
      provider: 'openai',
      messages: [
        { content: 'You are terse.', role: 'system' },
        { content: 'Summarize tides', role: 'user' },
      ],
      versionId: 'v-1',
      workspaceId: 'w-1',
    };
    expect(runCacheKey(reordered)).toBe(key);
  });

  it('treats an undefined member like a missing one', async () => {
    const { runCacheKey } = await loadCache();
    expect(runCacheKey(parts({ params: { temperature: 0.2, maxTokens: 100, stop: ['\n\n', 'END'], topP: undefined } }))).toBe(
      runCacheKey(parts()),
    );
  });

  it('changes with any input, including array order and value types', async () => {
    const { runCacheKey } = await loadCache();
    const base = runCacheKey(parts());
    const variants = [
      parts({ versionId: 'v-2' }),
      parts({ workspaceId: 'w-2' }),
      parts({ messages: [{ role: 'user', content: 'Summarize tides' }] }),
      parts({ model: 'gpt-other' }),
      parts({ provider: 'anthropic' }),
      parts({ params: { temperature: 0.3, maxTokens: 100, stop: ['\n\n', 'END'] } }),
      parts({ params: { temperature: 0.2, maxTokens: 100, stop: ['END', '\n\n'] } }),
      parts({ variables: { topic: 'tides', meta: { lang: 'en', tags: ['a', 'b'] }, extra: '1' } }),
      parts({ variables: { topic: 'tides', meta: { lang: 'en', tags: ['a', 'b'] }, n: 1 } }),
      parts({ variables: { topic: 'tides', meta: { lang: 'en', tags: ['a', 'b'] }, n: '1' } }),
    ];
    const keys = variants.map((v) => runCacheKey(v));
    expect(new Set([base, ...keys]).size).toBe(variants.length + 1);
  });
});

describe('run cache, in-process', () => {
  it('returns what was stored, as a copy', async () => {
    const { getCachedRun, setCachedRun } = await loadCache();
    expect(await getCachedRun(hashOf(1))).toBeNull();
    await setCachedRun(hashOf(1), result('run-1'));
    const hit = await getCachedRun(hashOf(1));
    expect(hit).toEqual(result('run-1'));
    hit!.output = 'mutated';
    expect((await getCachedRun(hashOf(1)))?.output).toBe('output of run-1');
  });

  it('keeps tool calls and the output check, and reads entries written before them', async () => {
    const { cachedRunColumns, getCachedRun, setCachedRun } = await loadCache();
    const toolCalls = [{ id: 'call_1', name: 'lookup', arguments: '{"id":1}' }];
    const outputCheck = { valid: false, errors: ['At /id: must be string'] };
    await setCachedRun(hashOf(7), { ...result('run-7'), toolCalls, outputCheck });
    const hit = await getCachedRun(hashOf(7));
    expect(cachedRunColumns(hit!)).toEqual({ output: 'output of run-7', outputTruncated: false, usage: result('run-7').usage, toolCalls, outputCheck });
    await setCachedRun(hashOf(8), result('run-8'));
    expect(cachedRunColumns((await getCachedRun(hashOf(8)))!)).toMatchObject({ toolCalls: null, outputCheck: null });
  });

  it('keys a draft run (no version) apart from a version run', async () => {
    const { runCacheKey } = await loadCache();
    expect(runCacheKey(parts({ versionId: null }))).not.toBe(runCacheKey(parts()));
  });

  it('expires entries after RUN_CACHE_TTL_SECONDS', async () => {
    vi.useFakeTimers({ now: new Date('2025-06-01T00:00:00Z') });
    const { getCachedRun, setCachedRun } = await loadCache({ RUN_CACHE_TTL_SECONDS: '60' });
    await setCachedRun(hashOf(2), result('run-2'));
    vi.advanceTimersByTime(59_999);
    expect(await getCachedRun(hashOf(2))).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(await getCachedRun(hashOf(2))).toBeNull();
  });

  it('is off when the TTL is 0', async () => {
    const { getCachedRun, setCachedRun } = await loadCache({ RUN_CACHE_TTL_SECONDS: '0' });
    await setCachedRun(hashOf(3), result('run-3'));
    expect(await getCachedRun(hashOf(3))).toBeNull();
  });

  it('keeps at most 1000 entries, evicting the least recently used', async () => {
    const { getCachedRun, setCachedRun } = await loadCache();
    for (let i = 0; i < 1000; i++) await setCachedRun(hashOf(i), result(`run-${i}`));
    expect(await getCachedRun(hashOf(0))).not.toBeNull(); // now the most recently used
    await setCachedRun(hashOf(1000), result('run-1000'));
    expect(await getCachedRun(hashOf(1))).toBeNull();
    expect(await getCachedRun(hashOf(0))).not.toBeNull();
    expect(await getCachedRun(hashOf(2))).not.toBeNull();
    expect(await getCachedRun(hashOf(1000))).not.toBeNull();
  });

  it('refuses to store a payload that breaks the schema', async () => {
    const { setCachedRun } = await loadCache();
    await expect(setCachedRun(hashOf(4), { ...result('run-4'), usage: { inputTokens: 1 } } as unknown as CachedRunResult)).rejects.toThrow();
  });
});
