import { describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { getUserByEmail } from '@/db/queries/users';
import { getPersonalWorkspace } from '@/db/queries/workspaces';
import { pinClockMidWindow } from './pin-clock';

// Small limits so the rate-limit case is quick; set before the modules read them. Behind a trusted proxy,
// so each request below can come from its own address (tests/integration/sign-in-untrusted.test.ts: without).
process.env.RATE_LIMIT_LOGIN_PER_MINUTE = '5';
process.env.RATE_LIMIT_SIGNUP_PER_HOUR = '3';
process.env.TRUST_PROXY_HEADERS = 'true';
process.env.AUTH_ALLOW_SIGNUP = 'true';

const { authorizeWithPassword } = await import('@/lib/auth/authorize-password');
const { ensurePersonalWorkspace } = await import('@/db/queries/workspaces');

const owners = async () => (await (await getDb()).select().from(users).where(eq(users.instanceRole, 'owner'))).length;

let address = 0;
const request = (ip = `10.0.0.${++address}`) => new Request('http://localhost/api/auth/callback/password', { headers: { 'x-forwarded-for': ip } });
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: { code?: string }) => error.code);

pinClockMidWindow();

describe('email and password sign-in', () => {
  it('signs up the first account as instance owner, and later ones as members', async () => {
    // On the shared PostgreSQL run other files may have created the owner already.
    const ownerExisted = (await owners()) > 0;
    const first = `first-${randomUUID()}@example.test`;
    const user = await authorizeWithPassword({ email: first, password: 'long enough pw', mode: 'signup', name: 'First' }, request());
    expect(user).toMatchObject({ email: first, name: 'First' });
    expect((await getUserByEmail({ email: first }))?.instanceRole).toBe(ownerExisted ? 'member' : 'owner');
    const second = `second-${randomUUID()}@example.test`;
    await authorizeWithPassword({ email: second, password: 'long enough pw', mode: 'signup' }, request());
    expect((await getUserByEmail({ email: second }))?.instanceRole).toBe('member');
    expect((await getUserByEmail({ email: second }))?.passwordHash).toMatch(/^scrypt\$/);
    expect(await owners()).toBe(1);
  });

  it('signs in with the right password only, whatever the email’s case', async () => {
    const email = `Mixed-${randomUUID()}@Example.test`;
    await authorizeWithPassword({ email, password: 'correct horse', mode: 'signup' }, request());
    expect(await authorizeWithPassword({ email: email.toUpperCase(), password: 'correct horse' }, request())).toMatchObject({ email: email.toLowerCase() });
    expect(await failure(authorizeWithPassword({ email, password: 'wrong horse' }, request()))).toBe('invalid_credentials');
    expect(await failure(authorizeWithPassword({ email: `nobody-${randomUUID()}@example.test`, password: 'x' }, request()))).toBe('invalid_credentials');
  });

  it('refuses a taken email, a short password and malformed input', async () => {
    const email = `taken-${randomUUID()}@example.test`;
    await authorizeWithPassword({ email, password: 'long enough pw', mode: 'signup' }, request());
    expect(await failure(authorizeWithPassword({ email, password: 'long enough pw', mode: 'signup' }, request()))).toBe('email_taken');
    expect(await failure(authorizeWithPassword({ email: `s-${randomUUID()}@example.test`, password: 'short', mode: 'signup' }, request()))).toBe('invalid_input');
    expect(await failure(authorizeWithPassword({ email: 'not-an-email', password: 'whatever pw' }, request()))).toBe('invalid_input');
  });

  it.each([
    ['a NUL in the name', { name: 'Ada\u0000Lovelace' }],
    ['a lone surrogate in the name', { name: 'Ada \ud800' }],
    ['a NUL in the password', { password: 'long enough\u0000pw' }],
    ['a lone surrogate in the password', { password: 'long enough \udc00 pw' }],
  ])('refuses a sign-up with %s as invalid input, creating no account', async (_what, bad) => {
    const email = `text-${randomUUID()}@example.test`;
    const code = await failure(authorizeWithPassword({ email, password: 'long enough pw', mode: 'signup', name: 'Ada', ...bad }, request()));
    expect(code).toBe('invalid_input');
    expect(await getUserByEmail({ email })).toBeNull();
  });

  it('refuses a sign-in with a NUL or lone surrogate in the email or password as invalid input', async () => {
    expect(await failure(authorizeWithPassword({ email: `a\u0000b-${randomUUID()}@example.test`, password: 'whatever pw' }, request()))).toBe('invalid_input');
    expect(await failure(authorizeWithPassword({ email: `nul-${randomUUID()}@example.test`, password: 'pw\u0000' }, request()))).toBe('invalid_input');
    expect(await failure(authorizeWithPassword({ email: `ls-${randomUUID()}@example.test`, password: '\ud800pw' }, request()))).toBe('invalid_input');
  });

  it('rate-limits attempts per address', async () => {
    const ip = '203.0.113.9';
    const email = `rl-${randomUUID()}@example.test`;
    const codes: (string | null | undefined)[] = [];
    for (let i = 0; i < 7; i++) codes.push(await failure(authorizeWithPassword({ email: `${i}${email}`, password: 'wrong' }, request(ip))));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('invalid_credentials'));
    expect(codes.slice(5)).toEqual(['rate_limited', 'rate_limited']);
  });

  it('keys the limit on the address the proxy saw, not on what the client put before it', async () => {
    const email = `xff-${randomUUID()}@example.test`;
    const codes: (string | null | undefined)[] = [];
    for (let i = 0; i < 7; i++) {
      codes.push(await failure(authorizeWithPassword({ email: `${i}${email}`, password: 'wrong' }, request(`10.9.9.${i}, 198.51.100.7`))));
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('invalid_credentials'));
    expect(codes.slice(5)).toEqual(['rate_limited', 'rate_limited']);
  });

  it('limits sign-ups per address', async () => {
    const signUp = (ip: string) =>
      failure(authorizeWithPassword({ email: `su-${randomUUID()}@example.test`, password: 'long enough pw', mode: 'signup' }, request(ip)));
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(await signUp('198.51.100.20'));
    expect(codes).toEqual([null, null, null, 'rate_limited']);
    expect(await signUp('198.51.100.21')).toBeNull();
    // An IPv6 client cannot step around it inside its own /64.
    const v6 = [];
    for (let i = 1; i <= 4; i++) v6.push(await signUp(`2001:db8:1:2::${i}`));
    expect(v6).toEqual([null, null, null, 'rate_limited']);
  });

  it('gives each user exactly one personal workspace however often they sign in', async () => {
    const email = `ws-${randomUUID()}@example.test`;
    const user = await authorizeWithPassword({ email, password: 'long enough pw', mode: 'signup' }, request());
    const [a, b] = await Promise.all([ensurePersonalWorkspace({ userId: user.id }), ensurePersonalWorkspace({ userId: user.id })]);
    const again = await ensurePersonalWorkspace({ userId: user.id });
    expect(again.id).toBe((await getPersonalWorkspace({ userId: user.id }))?.id);
    expect([a.id, b.id]).toContain(again.id);
    expect(again.role).toBe('owner');
  });

  it('closes sign-up when AUTH_ALLOW_SIGNUP=false', async () => {
    vi.resetModules();
    process.env.AUTH_ALLOW_SIGNUP = 'false';
    const fresh = await import('@/lib/auth/authorize-password');
    const code = await failure(fresh.authorizeWithPassword({ email: `late-${randomUUID()}@example.test`, password: 'long enough pw', mode: 'signup' }, request()));
    process.env.AUTH_ALLOW_SIGNUP = 'true';
    expect(code).toBe('signup_closed');
  });
});
