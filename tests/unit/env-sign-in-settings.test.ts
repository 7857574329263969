import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '@/lib/env';

const vercel = {
  VERCEL: '1',
  QSTASH_TOKEN: 'qstash-token',
  QSTASH_CURRENT_SIGNING_KEY: 'sig_current_0000000000000000000000',
  QSTASH_NEXT_SIGNING_KEY: 'sig_next_00000000000000000000000000',
  CRON_SECRET: 'cron-secret',
  APP_URL: 'https://promptlab.example.com',
  DATABASE_URL: 'postgres://u:p@db.example.com/app',
  AUTH_SECRET: 'a'.repeat(32),
  ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
};

describe('sign-in settings', () => {
  it('trusts forwarded headers by default on Vercel only, and as configured', () => {
    expect(loadEnv({}).trustProxyHeaders).toBe(false);
    expect(loadEnv(vercel).trustProxyHeaders).toBe(true);
    expect(loadEnv({ TRUST_PROXY_HEADERS: 'true' }).trustProxyHeaders).toBe(true);
    expect(loadEnv({ ...vercel, TRUST_PROXY_HEADERS: 'false' }).trustProxyHeaders).toBe(false);
    expect(() => loadEnv({ TRUST_PROXY_HEADERS: 'yes' })).toThrow(EnvError);
  });

  it('has sign-up and password-work limits', () => {
    expect(loadEnv({}).rateLimits).toMatchObject({ loginPerMinute: 10, signupPerHour: 10, passwordChecksPerMinute: 120 });
    expect(loadEnv({ RATE_LIMIT_SIGNUP_PER_HOUR: '3', RATE_LIMIT_PASSWORD_CHECKS_PER_MINUTE: '30' }).rateLimits).toMatchObject({
      signupPerHour: 3,
      passwordChecksPerMinute: 30,
    });
  });

  it('refuses an AUTH_URL or NEXTAUTH_URL on another origin than APP_URL', () => {
    const app = { APP_URL: 'https://promptlab.example.com' };
    expect(() => loadEnv({ ...app, AUTH_URL: 'https://promptlab.example.com/api/auth' })).not.toThrow();
    for (const key of ['AUTH_URL', 'NEXTAUTH_URL']) {
      try {
        loadEnv({ ...app, [key]: 'http://localhost:3000' });
        expect.unreachable(`${key} on another origin was accepted`);
      } catch (error) {
        expect((error as EnvError).problems.join()).toContain(`unset ${key}`);
      }
    }
  });
});
