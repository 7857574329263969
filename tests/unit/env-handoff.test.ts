import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '@/lib/env';
import { CALLBACK_MAX_DURATION_SECONDS, LEASE_MARGIN_MS } from '@/lib/queue/limits';

const qstash = {
  APP_URL: 'https://promptlab.example.com',
  QSTASH_TOKEN: 'token',
  QSTASH_CURRENT_SIGNING_KEY: 'sig_current_0123456789abcdefghijklmnopqrstuv',
  QSTASH_NEXT_SIGNING_KEY: 'sig_next_0123456789abcdefghijklmnopqrstuvwxyz',
};

const problems = (source: Record<string, string>) => {
  try {
    loadEnv(source);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems.join('\n');
  }
};

describe('settings of the run hand-off', () => {
  it('refuses QStash without CRON_SECRET: nothing would recover runs whose delivery failed', () => {
    expect(problems(qstash)).toContain('CRON_SECRET is missing');
    expect(loadEnv({ ...qstash, CRON_SECRET: 'secret' }).qstash).not.toBeNull();
  });

  it('keeps the provider timeout and the lease inside the callback maxDuration', () => {
    expect(problems({ LLM_TIMEOUT_MS: '600000' })).toContain('LLM_TIMEOUT_MS');
    expect(problems({ LLM_TIMEOUT_MS: '250000' })).toContain('at most 240000');
    const longest = loadEnv({ LLM_TIMEOUT_MS: '240000' });
    // A killed executor's lease has ended, with a margin, by the time the platform stops the callback.
    expect(longest.runs.leaseMs).toBeLessThanOrEqual(CALLBACK_MAX_DURATION_SECONDS * 1000 - LEASE_MARGIN_MS);
    expect(longest.runs.leaseMs).toBeGreaterThan(longest.llmTimeoutMs);
  });

  it('the run callback declares the maxDuration the limits assume', () => {
    const route = fs.readFileSync('app/api/queue/runs/route.ts', 'utf8');
    expect(route).toMatch(new RegExp(`export const maxDuration = ${CALLBACK_MAX_DURATION_SECONDS};`));
  });

  it('delivers local callbacks to this server, signed for the public URL', () => {
    const publicUrl = loadEnv({ APP_URL: 'https://promptlab.example.com/', PORT: '4100' });
    expect(publicUrl.callbackBaseUrl).toBe('https://promptlab.example.com');
    expect(publicUrl.localDispatchUrl).toBe('http://127.0.0.1:4100');
    expect(loadEnv({ APP_URL: 'http://localhost:3100' }).localDispatchUrl).toBe('http://localhost:3100');
    expect(loadEnv({}).localDispatchUrl).toBe('http://127.0.0.1:3000');
    expect(loadEnv({ APP_URL: 'https://promptlab.example.com', LOCAL_DISPATCH_URL: 'http://10.0.0.5:3000/' }).localDispatchUrl).toBe('http://10.0.0.5:3000');
  });

  it('reads the dispatcher concurrency, per workspace and in all', () => {
    expect(loadEnv({}).runs).toMatchObject({ concurrency: 32, concurrencyPerWorkspace: 16 });
    expect(loadEnv({ RUN_CONCURRENCY: '4', RUN_CONCURRENCY_PER_WORKSPACE: '2' }).runs).toMatchObject({ concurrency: 4, concurrencyPerWorkspace: 2 });
    expect(problems({ RUN_CONCURRENCY_PER_WORKSPACE: '0' })).toContain('RUN_CONCURRENCY_PER_WORKSPACE');
  });
});
