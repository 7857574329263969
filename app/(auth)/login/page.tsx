import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { FlaskConical } from 'lucide-react';
import { auth } from '@/lib/auth/auth';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { publicOriginFromHeaders } from '@/lib/auth/public-origin';
import { publicProviders } from '@/lib/auth/providers';
import { env } from '@/lib/env';
import { countUsers } from '@/db/queries/users';
import { LoginForm } from './_components/login-form';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<{ callbackUrl?: string; error?: string; code?: string }>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl, error, code } = await searchParams;
  // Only same-site paths: an open redirect would let a link send people elsewhere after sign-in.
  const target = safeCallbackPath(callbackUrl, publicOriginFromHeaders(await headers()));
  const session = await auth();
  if (session?.user?.id) redirect(target);
  const e = env();
  const firstRun = (await countUsers()) === 0;
  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-12">
      <div className="w-full max-w-sm space-y-6">
        <div className="flex flex-col items-center gap-2 text-center">
          <div className="flex size-11 items-center justify-center rounded-xl bg-primary text-primary-foreground shadow-sm">
            <FlaskConical className="size-6" aria-hidden />
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to PromptLab</h1>
          <p className="text-sm text-muted-foreground">
            {firstRun ? 'No accounts yet: the first one you create owns this instance.' : 'Write, version and compare your prompts.'}
          </p>
        </div>
        <LoginForm
          providers={publicProviders(e)}
          callbackUrl={target}
          signupAllowed={e.auth.allowSignup || firstRun}
          defaultMode={firstRun ? 'signup' : 'signin'}
          initialError={code ?? error ?? null}
        />
      </div>
    </main>
  );
}
