import { afterEach, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';

// Behind a reverse proxy: people reach https://promptlab.example.com, Next.js sees its own http://localhost:3000.
const PUBLIC = 'https://promptlab.example.com';
process.env.APP_URL = PUBLIC;
process.env.AUTH_GITHUB_ID = 'github-client-id';
process.env.AUTH_GITHUB_SECRET = 'github-client-secret';
process.env.AUTH_PASSWORD_LOGIN = 'true';

const route = await import('@/app/api/auth/[...nextauth]/route');

/** A request as Next.js hands it to the route: a NextRequest on the server's own address. */
function request(path: string, init: { method?: string; body?: Record<string, string>; cookies?: string[] } = {}) {
  return new NextRequest(`http://localhost:3000/api/auth/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      host: 'localhost:3000',
      ...(init.cookies ? { cookie: init.cookies.join('; ') } : {}),
      ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: init.body ? new URLSearchParams(init.body).toString() : undefined,
  });
}

const cookiePairs = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

async function csrf() {
  const res = await route.GET(request('csrf'));
  expect(res.status).toBe(200);
  return { token: ((await res.json()) as { csrfToken: string }).csrfToken, cookies: cookiePairs(res) };
}

/** Starts GitHub sign-in the way next-auth/react does: POST with the CSRF token and the callback URL. */
async function startGithubSignIn(callbackUrl: string) {
  const { token, cookies } = await csrf();
  const res = await route.POST(request('signin/github', { method: 'POST', body: { csrfToken: token, callbackUrl }, cookies }));
  expect(res.status).toBe(302);
  const callbackCookie = cookiePairs(res).find((c) => c.startsWith('__Secure-authjs.callback-url='));
  return { location: new URL(res.headers.get('location')!), callbackUrl: decodeURIComponent(callbackCookie?.split('=')[1] ?? '') };
}

// Operators often set Auth.js's own AUTH_URL too; next-auth then reads `nextUrl`, which a plain Request lacks.
describe.each([
  ['APP_URL only', undefined],
  ['AUTH_URL set as well', `${PUBLIC}/api/auth`],
])('Auth.js behind a proxy (%s)', (_name, authUrl) => {
  const saved = process.env.AUTH_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.AUTH_URL;
    else process.env.AUTH_URL = saved;
  });
  const withAuthUrl = () => {
    if (authUrl) process.env.AUTH_URL = authUrl;
    else delete process.env.AUTH_URL;
  };

  it('answers /csrf, /session and /providers, with URLs on the public origin', async () => {
    withAuthUrl();
    await csrf();
    const session = await route.GET(request('session'));
    expect(session.status).toBe(200);
    expect(await session.json()).toBeNull();
    const providers = await route.GET(request('providers'));
    expect(providers.status).toBe(200);
    expect(await providers.json()).toMatchObject({
      github: { callbackUrl: `${PUBLIC}/api/auth/callback/github`, signinUrl: `${PUBLIC}/api/auth/signin/github` },
      password: { callbackUrl: `${PUBLIC}/api/auth/callback/password` },
    });
  });

  it('sends the OAuth provider a redirect URI on the public origin', async () => {
    withAuthUrl();
    const { location } = await startGithubSignIn('/prompts');
    expect(location.origin).toBe('https://github.com');
    expect(location.searchParams.get('redirect_uri')).toBe(`${PUBLIC}/api/auth/callback/github`);
  });
});

describe('the redirect after sign-in', () => {
  it.each(['/\\evil.example', '//evil.example', 'https://evil.example/phish', '/.//evil.example', 'javascript:alert(1)'])(
    'replaces the off-site callback %j with the prompts page',
    async (hostile) => {
      expect((await startGithubSignIn(hostile)).callbackUrl).toBe(`${PUBLIC}/prompts`);
    },
  );

  it('keeps a same-site path, relative or absolute', async () => {
    expect((await startGithubSignIn('/runs?status=failed')).callbackUrl).toBe(`${PUBLIC}/runs?status=failed`);
    expect((await startGithubSignIn(`${PUBLIC}/settings`)).callbackUrl).toBe(`${PUBLIC}/settings`);
  });
});
