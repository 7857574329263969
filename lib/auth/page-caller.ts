import 'server-only';
import { redirect } from 'next/navigation';
import { auth } from './auth';
import { callerForUserId, type Caller } from './resolve-caller';

/** For server components: the signed-in caller, or a redirect to the sign-in page. */
export async function requirePageCaller(returnTo: string): Promise<Caller> {
  const session = await auth();
  const caller = session?.user?.id ? await callerForUserId(session.user.id) : null;
  if (!caller) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return caller;
}
