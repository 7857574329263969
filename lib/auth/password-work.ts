import 'server-only';
import { rateLimit } from '../ratelimit';
import { WorkGate } from './work-gate';

// scrypt runs on libuv's 4-thread pool, which file and DNS work share: keep two threads free for them.
const gate = new WorkGate(2, 32);

/**
 * Runs one password hash or check under the instance-wide ceiling (the `passwordChecks` policy) and the
 * concurrency cap. Null when refused: the caller answers "too many attempts" without doing the work.
 */
export async function withPasswordWork<T>(work: () => Promise<T>): Promise<{ value: T } | null> {
  const allowed = await rateLimit('passwordChecks', 'instance');
  if (!allowed.success) return null;
  return gate.run(work);
}
