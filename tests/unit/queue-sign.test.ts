import { Receiver } from '@upstash/qstash';
import { decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { signQStashMessage } from '@/lib/queue/sign';

const current = 'sig_current_0123456789abcdefghijklmnopqrstuv';
const next = 'sig_next_0123456789abcdefghijklmnopqrstuvwxyz';
const receiver = new Receiver({ currentSigningKey: current, nextSigningKey: next, devMode: false });
const url = 'https://app.example.com/api/queue/runs';
const body = JSON.stringify({ runId: '0b8f6f1e-3c2a-4d5b-9e6f-7a8b9c0d1e2f' });

const verify = (signature: string, over: { body?: string; url?: string } = {}) =>
  receiver.verify({ signature, body: over.body ?? body, url: over.url ?? url });

describe('signQStashMessage', () => {
  it('produces a token the official Receiver accepts', async () => {
    await expect(verify(signQStashMessage({ url, body, key: current }))).resolves.toBe(true);
  });

  it('carries the claims QStash uses, and is a standard HS256 JWT', async () => {
    const token = signQStashMessage({ url, body, key: current, now: new Date('2030-01-01T00:00:00Z') });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: 'Upstash', sub: url, iat: 1893456000, nbf: 1893456000, exp: 1893456300 });
    expect(claims.jti).toMatch(/^jwt_[0-9a-f]{32}$/);
    expect(claims.body).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { protectedHeader } = await jwtVerify(signQStashMessage({ url, body, key: current }), new TextEncoder().encode(current));
    expect(protectedHeader.alg).toBe('HS256');
  });

  it('gives every token its own jti', () => {
    expect(decodeJwt(signQStashMessage({ url, body, key: current })).jti).not.toBe(decodeJwt(signQStashMessage({ url, body, key: current })).jti);
  });

  it('verifies with the next signing key during a rotation', async () => {
    await expect(verify(signQStashMessage({ url, body, key: next }))).resolves.toBe(true);
  });

  it.each([
    ['a tampered body', () => verify(signQStashMessage({ url, body, key: current }), { body: body.replace('0b8f', '1b8f') })],
    ['another destination', () => verify(signQStashMessage({ url, body, key: current }), { url: 'https://evil.example.com/api/queue/runs' })],
    ['an expired token', () => verify(signQStashMessage({ url, body, key: current, now: new Date(Date.now() - 600_000) }))],
    ['a token not valid yet', () => verify(signQStashMessage({ url, body, key: current, now: new Date(Date.now() + 600_000) }))],
    ['an unknown key', () => verify(signQStashMessage({ url, body, key: 'sig_someone_else_0123456789abcdefghijkl' }))],
  ])('rejects %s', async (_label, attempt) => {
    await expect(attempt()).rejects.toThrow();
  });

  it('rejects a token whose signature was altered', async () => {
    const token = signQStashMessage({ url, body, key: current });
    const forged = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await expect(verify(forged)).rejects.toThrow();
  });
});
