import { describe, expect, it } from 'vitest';
import { loadEnv } from '@/lib/env';
import { isLoopbackHost } from '@/lib/net/private-url-policy';

// Postgres and auth settings a deployed (VERCEL) instance needs before the policy is even reached.
const deployedBase = {
  VERCEL: '1',
  QSTASH_TOKEN: 'qstash-token',
  QSTASH_CURRENT_SIGNING_KEY: 'sig_current_0000000000000000000000',
  QSTASH_NEXT_SIGNING_KEY: 'sig_next_00000000000000000000000000',
  CRON_SECRET: 'cron-secret',
  APP_URL: 'https://promptlab.example.com',
  DATABASE_URL: 'postgres://u:p@db.example.com/app',
  AUTH_SECRET: 'a-secret-that-is-at-least-32-characters-long',
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('allowPrivateProviderUrls', () => {
  it.each([
    ['no APP_URL (a local install)', {}, true],
    ['APP_URL on localhost', { APP_URL: 'http://localhost:3000' }, true],
    ['APP_URL on a *.localhost name', { APP_URL: 'http://promptlab.localhost:3000' }, true],
    ['APP_URL on 127.0.0.1', { APP_URL: 'http://127.0.0.1:3000' }, true],
    ['APP_URL on another 127/8 address', { APP_URL: 'http://127.1.2.3' }, true],
    ['APP_URL on [::1]', { APP_URL: 'http://[::1]:3000' }, true],
    ['a public APP_URL', { APP_URL: 'https://promptlab.example.com' }, false],
    ['a LAN APP_URL', { APP_URL: 'http://192.168.1.20:3000' }, false],
    ['a public APP_URL that only mentions localhost', { APP_URL: 'https://localhost.example.com' }, false],
    ['Vercel', deployedBase, false],
    ['Vercel with a loopback APP_URL', { ...deployedBase, APP_URL: 'http://localhost:3000' }, false],
    ['ALLOW_PRIVATE_PROVIDER_URLS=true with a public APP_URL', { APP_URL: 'https://promptlab.example.com', ALLOW_PRIVATE_PROVIDER_URLS: 'true' }, true],
    ['ALLOW_PRIVATE_PROVIDER_URLS=true on Vercel', { ...deployedBase, ALLOW_PRIVATE_PROVIDER_URLS: 'true' }, true],
    ['ALLOW_PRIVATE_PROVIDER_URLS=false on a local install', { ALLOW_PRIVATE_PROVIDER_URLS: 'false' }, false],
    ['ALLOW_PRIVATE_PROVIDER_URLS empty (unset)', { APP_URL: 'https://promptlab.example.com', ALLOW_PRIVATE_PROVIDER_URLS: '' }, false],
  ])('%s → %s', (_case, source, expected) => {
    expect(loadEnv(source).allowPrivateProviderUrls).toBe(expected);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST.', true],
    ['api.localhost', true],
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['[::1]', true],
    ['::ffff:7f00:1', true],
    ['10.0.0.1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['example.com', false],
    ['localhost.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
