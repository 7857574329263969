import 'server-only';
import NextAuth from 'next-auth';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import { getDb } from '@/db/client';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import { claimInstanceOwnership, countUsers, getUserByEmail } from '@/db/queries/users';
import { ensurePersonalWorkspace } from '@/db/queries/workspaces';
import { env } from '../env';
import { safeCallbackPath } from './callback-path';
import { buildProviders } from './providers';
import { getAuthSecret } from './secret';

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const e = env();
  const db = await getDb();
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    secret: getAuthSecret(),
    trustHost: true,
    // JWT sessions: required by the password provider, and they keep page loads free of session queries.
    session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: '/login', error: '/login' },
    logger: {
      // A wrong password is an expected outcome, not a server error worth a stack trace.
      error(error) {
        if ((error as { type?: string }).type !== 'CredentialsSignin') console.error('[auth]', error);
      },
    },
    providers: buildProviders(e),
    callbacks: {
      // Auth.js's default passes anything starting with '/' through unparsed; judge it as a browser would.
      redirect: ({ url, baseUrl }) => `${baseUrl}${safeCallbackPath(url, baseUrl)}`,
      async signIn({ user, account }) {
        if (account?.type === 'credentials' || e.auth.allowSignup) return true;
        // Closed sign-up: OAuth may only sign in people who already have an account (or the very first).
        const known = user.email ? await getUserByEmail({ email: user.email }) : null;
        return Boolean(known) || (await countUsers()) === 0;
      },
      async jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          await ensurePersonalWorkspace({ userId: user.id, name: user.name });
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      async createUser({ user }) {
        if (user.id) await claimInstanceOwnership({ userId: user.id });
      },
    },
  };
});
