import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { pinClockMidWindow } from './pin-clock';

// Without a trusted proxy there is no per-address limit: a spray over many emails, rotating forwarded headers,
// is stopped by the instance-wide ceiling on password work instead. The ceiling is above the per-address limit
// here, so a shared per-address bucket would show up as an earlier refusal.
process.env.TRUST_PROXY_HEADERS = 'false';
process.env.VERCEL = '';
process.env.AUTH_ALLOW_SIGNUP = 'true';
process.env.RATE_LIMIT_LOGIN_PER_MINUTE = '3';
process.env.RATE_LIMIT_SIGNUP_PER_HOUR = '3';
process.env.RATE_LIMIT_PASSWORD_CHECKS_PER_MINUTE = '6';

const { authorizeWithPassword } = await import('@/lib/auth/authorize-password');

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: { code?: string }) => error.code);
const from = (i: number) => new Request('http://localhost/api/auth/callback/password', { headers: { 'x-forwarded-for': `10.5.${i}.1` } });

pinClockMidWindow();

describe('a password spray without a trusted proxy', () => {
  it('is stopped by the instance-wide ceiling, sign-ups included, whatever forwarded headers it sends', async () => {
    const codes: (string | null | undefined)[] = [];
    for (let i = 0; i < 9; i++) {
      codes.push(await failure(authorizeWithPassword({ email: `spray-${i}-${randomUUID()}@example.test`, password: 'guess' }, from(i))));
    }
    expect(codes).toEqual([...Array(6).fill('invalid_credentials'), 'rate_limited', 'rate_limited', 'rate_limited']);
    const signUp = await failure(authorizeWithPassword({ email: `late-${randomUUID()}@example.test`, password: 'long enough pw', mode: 'signup' }, from(99)));
    expect(signUp).toBe('rate_limited');
  });
});
