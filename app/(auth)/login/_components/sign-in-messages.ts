/** Auth.js error and code values, said in words a person can act on. */
const messages: Record<string, string> = {
  invalid_credentials: 'That email and password do not match an account.',
  rate_limited: 'Too many sign-in attempts. Wait a minute and try again.',
  email_taken: 'An account with this email already exists. Sign in instead.',
  signup_closed: 'Sign-up is closed on this instance. Ask its owner for an account.',
  invalid_input: 'Enter a valid email and a password of at least 8 characters.',
  AccessDenied: 'Sign-in was refused. Sign-up may be closed on this instance.',
  OAuthAccountNotLinked: 'This email is already used with another sign-in method. Use that one.',
  Configuration: 'Sign-in is misconfigured on the server. Check its logs.',
  CredentialsSignin: 'That email and password do not match an account.',
};

export function signInMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return messages[code] ?? 'Sign-in failed. Try again.';
}
