import 'server-only';
import { CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { countUsers, createUser, getUserByEmail } from '@/db/queries/users';
import { isUniqueViolation } from '@/db/queries/errors';
import { unsafeTextReason } from '@/lib/unsafe-text';
import { env } from '../env';
import { rateLimit } from '../ratelimit';
import { clientAddress } from './client-address';
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from './password';
import { withPasswordWork } from './password-work';

/** Each failure has a code the sign-in page turns into a sentence. */
class SignInFailure extends CredentialsSignin {
  constructor(code: 'invalid_credentials' | 'rate_limited' | 'email_taken' | 'signup_closed' | 'invalid_input') {
    super(code);
    this.code = code;
  }
}

// A NUL makes PostgreSQL refuse the row (a server error); a lone surrogate hashes as U+FFFD, like any other one.
const storable = (text: string) => unsafeTextReason(text) === null;

const credentialsSchema = z.object({
  email: z.email().max(320).refine(storable),
  password: z.string().min(1).max(1024).refine(storable),
  mode: z.enum(['signin', 'signup']).default('signin'),
  name: z.string().trim().max(100).refine(storable).optional(),
});

// A hash to compare against when the email is unknown, so both cases take the same time.
let dummyHash: Promise<string> | undefined;

export async function authorizeWithPassword(raw: Partial<Record<string, unknown>>, request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new SignInFailure('invalid_input');
  const { email, password, mode, name } = parsed.data;

  // Unknown (forwarded headers not trusted): one bucket shared by everyone would let anyone lock every user out,
  // so per-address limits apply to known addresses only; the per-email limit and the instance-wide ceiling on
  // password work (withPasswordWork) still bound a spray.
  const address = clientAddress(request);
  const limits = await Promise.all([
    rateLimit('login', `email:${email.toLowerCase()}`),
    ...(address ? [rateLimit('login', `ip:${address}`)] : []),
    ...(address && mode === 'signup' ? [rateLimit('signup', `ip:${address}`)] : []),
  ]);
  if (limits.some((limit) => !limit.success)) throw new SignInFailure('rate_limited');

  if (mode === 'signup') {
    if (password.length < PASSWORD_MIN_LENGTH) throw new SignInFailure('invalid_input');
    // Closed sign-up still lets the very first account in, or a fresh install could never be used.
    if (!env().auth.allowSignup && (await countUsers()) > 0) throw new SignInFailure('signup_closed');
    const hashed = await withPasswordWork(() => hashPassword(password));
    if (!hashed) throw new SignInFailure('rate_limited');
    try {
      const user = await createUser({ email, name: name || null, passwordHash: hashed.value });
      return { id: user.id, email: user.email, name: user.name };
    } catch (error) {
      if (isUniqueViolation(error)) throw new SignInFailure('email_taken');
      throw error;
    }
  }

  const user = await getUserByEmail({ email });
  dummyHash ??= hashPassword('not-a-real-password');
  const stored = user?.passwordHash ?? (await dummyHash);
  const checked = await withPasswordWork(() => verifyPassword(password, stored));
  if (!checked) throw new SignInFailure('rate_limited');
  if (!user?.passwordHash || !checked.value) throw new SignInFailure('invalid_credentials');
  return { id: user.id, email: user.email, name: user.name };
}
