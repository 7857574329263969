/**
 * The OIDC provider fixture works end to end without a browser: discovery, then the authorization code flow with
 * PKCE + state + nonce through the dev login form (plain fetch with a small cookie jar), the code exchange at the
 * token endpoint, and an ID token verified against the provider's JWKS.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsForLogin, startOidcProvider, type OidcProviderFixture } from '../fixtures/oidc-provider';

const client = {
  clientId: 'promptlab-test',
  clientSecret: 'promptlab-test-secret',
  redirectUris: ['http://127.0.0.1:3999/api/auth/callback/oidc'],
};
const redirectUri = client.redirectUris[0]!;

type Discovery = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  code_challenge_methods_supported: string[];
  scopes_supported: string[];
};

/** A minimal path-aware cookie jar for one host. */
class CookieJar {
  private cookies = new Map<string, { value: string; path: string }>();

  store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', attrValue = ''] = attribute.split('=');
        if (key.toLowerCase() === 'path') path = attrValue;
        if (key.toLowerCase() === 'expires' && Date.parse(attrValue) <= Date.now()) expired = true;
        if (key.toLowerCase() === 'max-age' && Number(attrValue) <= 0) expired = true;
      }
      const key = `${name}\u0000${path}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([, { path }]) => url.pathname === path || url.pathname.startsWith(path.endsWith('/') ? path : `${path}/`))
      .map(([key, { value }]) => `${key.split('\u0000')[0]}=${value}`)
      .join('; ');
  }
}

/** One request without following redirects; cookies go through the jar. */
async function send(jar: CookieJar, url: string | URL, init: RequestInit = {}): Promise<Response> {
  const target = new URL(url);
  const headers = new Headers(init.headers);
  const cookie = jar.header(target);
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(target, { ...init, headers, redirect: 'manual' });
  jar.store(response);
  return response;
}

function locationOf(response: Response, base: string): URL {
  const location = response.headers.get('location');
  if (!location) throw new Error(`expected a redirect, got ${response.status}`);
  return new URL(location, base);
}

const base64url = (buffer: Buffer) => buffer.toString('base64url');

describe('OIDC provider fixture', () => {
  let provider: OidcProviderFixture;
  let discovery: Discovery;

  beforeAll(async () => {
    provider = await startOidcProvider({ clients: [client] });
    const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    discovery = (await response.json()) as Discovery;
  });

  afterAll(async () => {
    await provider?.close();
  });

  it('serves discovery metadata for a plain-http issuer on 127.0.0.1', () => {
    expect(provider.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(discovery.issuer).toBe(provider.issuer);
    expect(discovery.authorization_endpoint).toBe(`${provider.issuer}/auth`);
    expect(discovery.token_endpoint).toBe(`${provider.issuer}/token`);
    expect(discovery.jwks_uri).toBe(`${provider.issuer}/jwks`);
    expect(discovery.code_challenge_methods_supported).toContain('S256');
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
  });

  async function signIn(login: string) {
    const jar = new CookieJar();
    const verifier = base64url(randomBytes(32));
    const challenge = base64url(createHash('sha256').update(verifier).digest());
    const state = base64url(randomBytes(16));
    const nonce = base64url(randomBytes(16));

    const authorize = new URL(discovery.authorization_endpoint);
    authorize.search = new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();

    // 1. The authorization request sends us to the dev login page.
    const start = await send(jar, authorize);
    expect(start.status).toBe(303);
    const interactionUrl = locationOf(start, provider.issuer);
    expect(interactionUrl.pathname).toMatch(/^\/interaction\/[\w-]+$/);

    // 2. The login page: the selectors documented in tests/fixtures/oidc-provider.ts.
    const loginPage = await send(jar, interactionUrl);
    expect(loginPage.status).toBe(200);
    const html = await loginPage.text();
    expect(html).toContain('<h1>Sign-in</h1>');
    expect(html).toContain('<input type="hidden" name="prompt" value="login"/>');
    expect(html).toMatch(/<input required type="text" name="login" placeholder="Enter any login"/);
    expect(html).toMatch(/<input required type="password" name="password" placeholder="and password"/);
    expect(html).toContain('<button type="submit" class="login login-submit">Sign-in</button>');
    const action = /<form autocomplete="off" action="([^"]+)" method="post">/.exec(html)?.[1];
    expect(action).toBe(interactionUrl.href);

    // 3. Submit the login form; the provider resumes the authorization request.
    const submitted = await send(jar, action!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'anything' }).toString(),
    });
    expect(submitted.status).toBe(303);
    const resume = locationOf(submitted, provider.issuer);
    expect(resume.pathname).toMatch(/^\/auth\/[\w-]+$/);

    // 4. Consent is auto-granted, so the resume goes straight back to the client with a code.
    const resumed = await send(jar, resume);
    expect(resumed.status).toBe(303);
    const callback = locationOf(resumed, provider.issuer);
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get('error')).toBeNull();
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.get('iss')).toBe(provider.issuer);
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();

    // 5. Exchange the code (client_secret_basic + PKCE verifier).
    const token = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: code!,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      }).toString(),
    });
    const tokens = (await token.json()) as { id_token?: string; access_token?: string; token_type?: string };
    expect(token.status, JSON.stringify(tokens)).toBe(200);
    expect(tokens.token_type).toBe('Bearer');

    const { payload } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer: provider.issuer,
      audience: client.clientId,
    });
    expect(payload.nonce).toBe(nonce);
    return { payload, tokens, verifier, code: code! };
  }

  it('runs the authorization code flow with PKCE and issues an ID token with the email claims', async () => {
    const { payload, tokens } = await signIn('alice');
    expect(payload).toMatchObject({
      sub: 'alice',
      email: 'alice@example.test',
      email_verified: true,
      name: 'alice',
    });

    const userinfo = await fetch(discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toEqual(claimsForLogin('alice'));
  });

  it('uses a login that is already an email address as the email', async () => {
    const { payload } = await signIn('bob@corp.test');
    expect(payload).toMatchObject({ sub: 'bob@corp.test', email: 'bob@corp.test', email_verified: true, name: 'bob' });
  });

  it('rejects a code exchange with the wrong PKCE verifier', async () => {
    // A fresh flow up to the callback, then a bad verifier: the provider must refuse.
    const jar = new CookieJar();
    const verifier = base64url(randomBytes(32));
    const authorize = new URL(discovery.authorization_endpoint);
    authorize.search = new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid email',
      state: 'xyz',
      code_challenge: base64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
    }).toString();
    const interactionUrl = locationOf(await send(jar, authorize), provider.issuer);
    const submitted = await send(jar, interactionUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login: 'carol', password: 'x' }).toString(),
    });
    const callback = locationOf(await send(jar, locationOf(submitted, provider.issuer)), provider.issuer);
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();

    const token = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: code!,
        redirect_uri: redirectUri,
        code_verifier: base64url(randomBytes(32)),
      }).toString(),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
