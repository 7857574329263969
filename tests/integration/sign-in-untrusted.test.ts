import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { pinClockMidWindow } from './pin-clock';

// No trusted proxy (the default off Vercel): forwarded headers are the client's to write, so they are ignored and
// the address is unknown. Per-address limits are then skipped, not shared by everyone (one shared bucket let anyone
// lock every user out); the per-email limit and the instance-wide ceiling (sign-in-untrusted-ceiling.test.ts) remain.
process.env.TRUST_PROXY_HEADERS = 'false';
process.env.VERCEL = '';
process.env.AUTH_ALLOW_SIGNUP = 'true';
process.env.RATE_LIMIT_LOGIN_PER_MINUTE = '5';
process.env.RATE_LIMIT_SIGNUP_PER_HOUR = '2';

const { authorizeWithPassword } = await import('@/lib/auth/authorize-password');

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: { code?: string }) => error.code);
const from = (headers: Record<string, string> = {}) => new Request('http://localhost/api/auth/callback/password', { headers });
// Every shape of forwarded header a client might rotate through.
const rotated = (i: number): Record<string, string> =>
  i % 2 ? { 'x-forwarded-for': `10.1.0.${i}` } : { 'x-real-ip': `10.2.0.${i}`, 'x-forwarded-for': `10.3.0.${i}, 10.4.0.${i}` };

pinClockMidWindow();

describe('sign-in limits without a trusted proxy', () => {
  it('rotating X-Forwarded-For or X-Real-IP does not buy fresh attempts at one account', async () => {
    const email = `target-${randomUUID()}@example.test`;
    const codes: (string | null | undefined)[] = [];
    for (let i = 0; i < 7; i++) codes.push(await failure(authorizeWithPassword({ email, password: `guess ${i}` }, from(rotated(i)))));
    expect(codes).toEqual([...Array(5).fill('invalid_credentials'), 'rate_limited', 'rate_limited']);
  });

  it('one client’s failures do not lock out another user signing in with the right password', async () => {
    const victim = `victim-${randomUUID()}@example.test`;
    expect(await authorizeWithPassword({ email: victim, password: 'correct horse', mode: 'signup' }, from())).toMatchObject({ email: victim });
    const codes: (string | null | undefined)[] = [];
    for (let i = 0; i < 7; i++) {
      codes.push(await failure(authorizeWithPassword({ email: `spray-${i}-${randomUUID()}@example.test`, password: 'guess' }, from(rotated(i)))));
    }
    // More failures than the per-address limit, and none of them were refused as one shared address.
    expect(codes).toEqual(Array(7).fill('invalid_credentials'));
    expect(await authorizeWithPassword({ email: victim, password: 'correct horse' }, from())).toMatchObject({ email: victim });
  });

  it('does not turn the per-address sign-up limit into one for the whole instance', async () => {
    const codes: (string | null | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push(await failure(authorizeWithPassword({ email: `su-${i}-${randomUUID()}@example.test`, password: 'long enough pw', mode: 'signup' }, from())));
    }
    expect(codes).toEqual([null, null, null]);
  });
});
