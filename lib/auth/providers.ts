import 'server-only';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import type { Provider } from 'next-auth/providers';
import type { Env } from '../env';
import { authorizeWithPassword } from './authorize-password';

/** OAuth providers are enabled by their settings; email/password by AUTH_PASSWORD_LOGIN (on when no OAuth is set). */
export function buildProviders(e: Env): Provider[] {
  const providers: Provider[] = [];
  if (e.auth.github) providers.push(GitHub(e.auth.github));
  if (e.auth.google) providers.push(Google(e.auth.google));
  if (e.auth.oidc) {
    const { issuer, clientId, clientSecret, name } = e.auth.oidc;
    providers.push({
      id: 'oidc',
      name,
      type: 'oidc',
      issuer,
      clientId,
      clientSecret,
      checks: ['pkce', 'state'],
      ...(clientSecret ? {} : { client: { token_endpoint_auth_method: 'none' } }),
    });
  }
  if (e.auth.passwordLogin) {
    providers.push(
      Credentials({
        id: 'password',
        name: 'Email and password',
        credentials: { email: {}, password: {}, mode: {}, name: {} },
        authorize: (credentials, request) => authorizeWithPassword(credentials, request),
      }),
    );
  }
  return providers;
}

export type PublicProvider = { id: string; name: string; kind: 'oauth' | 'password' };

/** What the sign-in page may show: ids and names only, never secrets. */
export function publicProviders(e: Env): PublicProvider[] {
  const list: PublicProvider[] = [];
  if (e.auth.github) list.push({ id: 'github', name: 'GitHub', kind: 'oauth' });
  if (e.auth.google) list.push({ id: 'google', name: 'Google', kind: 'oauth' });
  if (e.auth.oidc) list.push({ id: 'oidc', name: e.auth.oidc.name, kind: 'oauth' });
  if (e.auth.passwordLogin) list.push({ id: 'password', name: 'Email and password', kind: 'password' });
  return list;
}
