'use client';

import { useState } from 'react';
import { signIn } from 'next-auth/react';
import { KeyRound } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import type { PublicProvider } from '@/lib/auth/providers';
import { signInMessage } from './sign-in-messages';

type Props = {
  providers: PublicProvider[];
  callbackUrl: string;
  signupAllowed: boolean;
  defaultMode: 'signin' | 'signup';
  initialError: string | null;
};

export function LoginForm({ providers, callbackUrl, signupAllowed, defaultMode, initialError }: Props) {
  const [mode, setMode] = useState<'signin' | 'signup'>(signupAllowed ? defaultMode : 'signin');
  const [error, setError] = useState<string | null>(signInMessage(initialError));
  const [pending, setPending] = useState<string | null>(null);
  const oauth = providers.filter((p) => p.kind === 'oauth');
  const password = providers.some((p) => p.kind === 'password');
  // Checked again here: the browser is what follows it, and it resolves paths against this page's origin.
  const destination = () => safeCallbackPath(callbackUrl, window.location.origin);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending('password');
    setError(null);
    const result = await signIn('password', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      name: String(form.get('name') ?? ''),
      mode,
      redirect: false,
    });
    if (result?.error) {
      setPending(null);
      setError(signInMessage(result.code ?? result.error));
      return;
    }
    window.location.assign(destination());
  }

  return (
    <Card>
      <CardContent className="space-y-5 pt-6">
        {error && (
          <Alert variant="destructive" data-testid="login-error">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        )}
        {oauth.map((provider) => (
          <Button
            key={provider.id}
            variant="outline"
            className="w-full"
            data-testid={`signin-${provider.id}`}
            disabled={pending !== null}
            onClick={() => {
              setPending(provider.id);
              void signIn(provider.id, { redirectTo: destination() });
            }}
          >
            {pending === provider.id ? <Spinner /> : <KeyRound aria-hidden />}
            Continue with {provider.name}
          </Button>
        ))}
        {oauth.length > 0 && password && (
          <div className="flex items-center gap-3 text-xs uppercase text-muted-foreground">
            <span className="h-px flex-1 bg-border" /> or <span className="h-px flex-1 bg-border" />
          </div>
        )}
        {password && (
          <form onSubmit={submit} className="space-y-4" data-testid="password-form">
            {mode === 'signup' && (
              <div className="space-y-2">
                <Label htmlFor="name">Name</Label>
                <Input id="name" name="name" autoComplete="name" placeholder="Ada Lovelace" />
              </div>
            )}
            <div className="space-y-2">
              <Label htmlFor="email">Email</Label>
              <Input id="email" name="email" type="email" autoComplete="email" required autoFocus />
            </div>
            <div className="space-y-2">
              <Label htmlFor="password">Password</Label>
              <Input
                id="password"
                name="password"
                type="password"
                required
                minLength={mode === 'signup' ? 8 : undefined}
                autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
              />
              {mode === 'signup' && <p className="text-xs text-muted-foreground">At least 8 characters.</p>}
            </div>
            <Button type="submit" className="w-full" disabled={pending !== null} data-testid="password-submit">
              {pending === 'password' && <Spinner />}
              {mode === 'signup' ? 'Create account' : 'Sign in'}
            </Button>
            {signupAllowed && (
              <p className="text-center text-sm text-muted-foreground">
                {mode === 'signup' ? 'Already have an account?' : 'New here?'}{' '}
                <button
                  type="button"
                  className="font-medium text-primary underline-offset-4 hover:underline"
                  data-testid="toggle-mode"
                  onClick={() => {
                    setError(null);
                    setMode(mode === 'signup' ? 'signin' : 'signup');
                  }}
                >
                  {mode === 'signup' ? 'Sign in' : 'Create an account'}
                </button>
              </p>
            )}
          </form>
        )}
      </CardContent>
    </Card>
  );
}
