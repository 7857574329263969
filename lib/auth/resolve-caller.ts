import 'server-only';
import { getToken } from 'next-auth/jwt';
import { getApiKeyCallerByHash, touchApiKey } from '@/db/queries/api-keys';
import { getUserById } from '@/db/queries/users';
import type { User } from '@/db/schema';
import { getDefaultWorkspaceForUser, type WorkspaceWithRole } from '@/db/queries/workspaces';
import { ApiError } from '../api/errors';
import { hashApiKey } from './api-key-token';
import { apiKeyCallers, frozenCaller, sessionCallers, syncCallerCaches, type ApiKeyCallerEntry } from './caller-cache';
import { getAuthSecret } from './secret';

export type Caller = {
  user: { id: string; email: string | null; name: string | null; instanceRole: 'owner' | 'member' };
  workspace: WorkspaceWithRole;
  via: 'session' | 'api_key';
  apiKeyId?: string;
};

const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

/**
 * Who is calling: an `Authorization: Bearer <api key>` header, else the Auth.js session cookie.
 * A present but bad API key is an error, never a silent fall-back to the cookie.
 */
export async function resolveCaller(req: Request): Promise<Caller | null> {
  const authorization = req.headers.get('authorization');
  if (authorization) return callerFromApiKey(authorization);
  return callerFromSession(req);
}

async function callerFromApiKey(authorization: string): Promise<Caller> {
  const [scheme, key] = authorization.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !key) {
    throw new ApiError('UNAUTHORIZED', 'Authorization header must be `Bearer <api key>`');
  }
  const hashedKey = hashApiKey(key.trim());
  await syncCallerCaches();
  let entry = apiKeyCallers.get(hashedKey);
  if (!entry) {
    const ticket = apiKeyCallers.ticket();
    const found = await getApiKeyCallerByHash({ hashedKey });
    if (!found) throw new ApiError('UNAUTHORIZED', 'API key is invalid or has been revoked, or its user left the workspace');
    const { apiKey, user } = found;
    const workspace = { ...found.workspace, role: found.role };
    entry = { caller: frozenCaller({ user: publicUser(user), workspace, via: 'api_key', apiKeyId: apiKey.id }), lastUsedAt: apiKey.lastUsedAt };
    apiKeyCallers.set(hashedKey, entry, ticket);
  }
  await stampLastUse(entry);
  return entry.caller;
}

// Last use is shown to the minute; writing it on every request would put a write on every API call.
const LAST_USED_PRECISION_MS = 60_000;

async function stampLastUse(entry: ApiKeyCallerEntry): Promise<void> {
  const previous = entry.lastUsedAt;
  if (previous && Date.now() - previous.getTime() < LAST_USED_PRECISION_MS) return;
  entry.lastUsedAt = new Date(); // before the write: concurrent requests with this key write once
  await touchApiKey({ id: entry.caller.apiKeyId! });
}

async function callerFromSession(req: Request): Promise<Caller | null> {
  const cookies = req.headers.get('cookie') ?? '';
  const cookieName = SESSION_COOKIES.find((name) => cookies.includes(`${name}=`));
  if (!cookieName) return null;
  const token = await getToken({ req, secret: getAuthSecret(), cookieName, secureCookie: cookieName.startsWith('__Secure-') });
  if (!token?.sub) return null;
  return callerForUserId(token.sub);
}

/** The caller for a signed-in user id (pages use this with the session from auth()). */
export async function callerForUserId(userId: string): Promise<Caller | null> {
  await syncCallerCaches();
  const cached = sessionCallers.get(userId);
  if (cached) return cached;
  const ticket = sessionCallers.ticket();
  const [user, workspace] = await Promise.all([getUserById({ id: userId }), getDefaultWorkspaceForUser({ userId })]);
  if (!user || !workspace) return null;
  const caller = frozenCaller({ user: publicUser(user), workspace, via: 'session' });
  sessionCallers.set(userId, caller, ticket);
  return caller;
}

const publicUser = (user: Pick<User, 'id' | 'email' | 'name' | 'instanceRole'>): Caller['user'] => ({ id: user.id, email: user.email, name: user.name, instanceRole: user.instanceRole });
