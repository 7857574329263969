import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { pinClockMidWindow } from './pin-clock';

// No trusted proxy (the default off Vercel): forwarded headers are the client's to write.
process.env.TRUST_PROXY_HEADERS = 'false';
process.env.VERCEL = '';
process.env.RATE_LIMIT_LOGIN_PER_MINUTE = '5';
process.env.RATE_LIMIT_SIGNUP_PER_HOUR = '2';

const { authorizeWithPassword } = await import('@/lib/auth/authorize-password');

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: { code?: string }) => error.code);
const from = (headers: Record<string, string>) => new Request('http://localhost/api/auth/callback/password', { headers });

pinClockMidWindow();

describe('sign-in limits without a trusted proxy', () => {
  it('rotating X-Forwarded-For or X-Real-IP does not buy fresh attempts', async () => {
    const codes: (string | null | undefined)[] = [];
    for (let i = 0; i < 7; i++) {
      const headers: Record<string, string> =
        i % 2 ? { 'x-forwarded-for': `10.1.0.${i}` } : { 'x-real-ip': `10.2.0.${i}`, 'x-forwarded-for': `10.3.0.${i}, 10.4.0.${i}` };
      codes.push(await failure(authorizeWithPassword({ email: `spray-${i}-${randomUUID()}@example.test`, password: 'guess' }, from(headers))));
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('invalid_credentials'));
    expect(codes.slice(5)).toEqual(['rate_limited', 'rate_limited']);
  });
});
