import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '@/lib/env';

const problems = (source: Record<string, string>) => {
  try {
    loadEnv(source);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
};

describe('loadEnv', () => {
  it('runs on the embedded defaults with nothing set', () => {
    const env = loadEnv({});
    expect(env.database).toMatchObject({ driver: 'pglite', pgliteDir: '.data/pglite' });
    expect(env.auth).toMatchObject({ passwordLogin: true, allowSignup: true, github: null, oidc: null });
  });

  it('chooses the driver from DATABASE_URL', () => {
    expect(loadEnv({ DATABASE_URL: 'postgres://u:p@db.example.com/app' }).database.driver).toBe('postgres');
    expect(loadEnv({ DATABASE_URL: 'postgresql://u:p@ep-cool-1.eu-central-1.aws.neon.tech/app?sslmode=require' }).database.driver).toBe('neon');
    expect(loadEnv({ DATABASE_URL: 'postgres://u:p@127.0.0.1/app', DATABASE_DRIVER: 'neon' }).database.driver).toBe('neon');
  });

  it('turns password sign-in off by default once OAuth is configured, unless asked for', () => {
    const oauth = { AUTH_GITHUB_ID: 'id', AUTH_GITHUB_SECRET: 'secret' };
    expect(loadEnv(oauth).auth.passwordLogin).toBe(false);
    expect(loadEnv({ ...oauth, AUTH_PASSWORD_LOGIN: 'true' }).auth.passwordLogin).toBe(true);
    expect(loadEnv({ AUTH_OIDC_ISSUER: 'http://127.0.0.1:9400', AUTH_OIDC_ID: 'app' }).auth.oidc).toMatchObject({ name: 'Single sign-on' });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL is not a postgres'],
    [{ DATABASE_DRIVER: 'neon' }, 'DATABASE_URL is missing'],
    [{ DATABASE_DRIVER: 'pglite', DATABASE_URL: 'postgres://x@y/z' }, 'DATABASE_DRIVER is pglite but DATABASE_URL is set'],
    [{ AUTH_GITHUB_ID: 'id' }, 'AUTH_GITHUB_SECRET is missing'],
    [{ AUTH_GOOGLE_SECRET: 's' }, 'AUTH_GOOGLE_ID is missing'],
    [{ AUTH_OIDC_ISSUER: 'http://issuer' }, 'AUTH_OIDC_ID is missing'],
    [{ AUTH_OIDC_ISSUER: 'not a url', AUTH_OIDC_ID: 'x' }, 'AUTH_OIDC_ISSUER'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET'],
    [{ AUTH_PASSWORD_LOGIN: 'false' }, 'nobody could sign in'],
    [{ AUTH_ALLOW_SIGNUP: 'maybe' }, 'AUTH_ALLOW_SIGNUP'],
    [{ VERCEL: '1' }, 'embedded database cannot persist on Vercel'],
    [{ VERCEL: '1', DATABASE_URL: 'postgres://x@y/z' }, 'AUTH_SECRET is missing'],
    [{ VERCEL: '1', DATABASE_URL: 'postgres://x@y/z' }, 'QSTASH_TOKEN is missing: on Vercel runs are handed off through QStash'],
  ])('names the variable and the fix for %j', (source, expected) => {
    expect(problems(source).join('\n')).toContain(expected);
  });
});

describe('.env.example', () => {
  it('starts the app when copied to .env.local as is: every empty setting means "not set"', () => {
    const source: Record<string, string> = {};
    for (const line of fs.readFileSync('.env.example', 'utf8').split('\n')) {
      const setting = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      if (setting) source[setting[1]!] = setting[2]!;
    }
    expect(Object.keys(source).length).toBeGreaterThan(40);
    const loaded = loadEnv(source);
    expect(loaded.llmTimeoutMs).toBe(60_000);
    expect(loaded.rateLimits.loginPerMinute).toBe(10);
    expect(loaded.database.driver).toBe('pglite');
  });
});
