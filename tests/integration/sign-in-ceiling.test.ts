import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { pinClockMidWindow } from './pin-clock';

// Every attempt from its own address and email, so only the instance-wide ceiling can stop them.
process.env.TRUST_PROXY_HEADERS = 'true';
process.env.RATE_LIMIT_LOGIN_PER_MINUTE = '100';
process.env.RATE_LIMIT_SIGNUP_PER_HOUR = '100';
process.env.RATE_LIMIT_PASSWORD_CHECKS_PER_MINUTE = '4';

const { authorizeWithPassword } = await import('@/lib/auth/authorize-password');

let address = 0;
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: { code?: string }) => error.code);
const fresh = () => new Request('http://localhost/api/auth/callback/password', { headers: { 'x-forwarded-for': `192.0.2.${++address}` } });
const email = () => `ceiling-${randomUUID()}@example.test`;

pinClockMidWindow();

describe('the instance-wide ceiling on password work', () => {
  it('refuses password checks and sign-ups past the ceiling, whoever and wherever they come from', async () => {
    const codes = [
      await failure(authorizeWithPassword({ email: email(), password: 'long enough pw', mode: 'signup' }, fresh())),
      await failure(authorizeWithPassword({ email: email(), password: 'guess' }, fresh())),
      await failure(authorizeWithPassword({ email: email(), password: 'guess' }, fresh())),
      await failure(authorizeWithPassword({ email: email(), password: 'guess' }, fresh())),
      await failure(authorizeWithPassword({ email: email(), password: 'guess' }, fresh())),
      await failure(authorizeWithPassword({ email: email(), password: 'long enough pw', mode: 'signup' }, fresh())),
    ];
    expect(codes).toEqual([null, 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'rate_limited', 'rate_limited']);
  });
});
