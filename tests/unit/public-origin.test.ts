import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';

process.env.APP_URL = 'http://127.0.0.1:3200';
const { onPublicOrigin } = await import('@/lib/auth/public-origin');

describe('onPublicOrigin', () => {
  it('moves the request onto APP_URL exactly, loopback address included, and keeps it a NextRequest', async () => {
    // Next.js reports a server on 127.0.0.1 as localhost; OAuth redirect URIs must say what people browse.
    const incoming = new NextRequest('http://localhost:3200/api/auth/callback/oidc?code=abc&state=xyz', {
      method: 'POST',
      headers: { cookie: 'a=b', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x=1',
    });
    const rebased = onPublicOrigin(incoming);
    expect(rebased).toBeInstanceOf(NextRequest);
    expect(rebased.url).toBe('http://127.0.0.1:3200/api/auth/callback/oidc?code=abc&state=xyz');
    expect(rebased.nextUrl.pathname).toBe('/api/auth/callback/oidc');
    expect(rebased.method).toBe('POST');
    expect(rebased.headers.get('cookie')).toBe('a=b');
    expect(await rebased.text()).toBe('x=1');
  });
});
