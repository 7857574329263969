import 'server-only';
import { getToken } from 'next-auth/jwt';
import { getApiKeyCallerByHash, touchApiKey } from '@/db/queries/api-keys';
import { getUserById } from '@/db/queries/users';
import type { User } from '@/db/schema';
import { getDefaultWorkspaceForUser, type WorkspaceWithRole } from '@/db/queries/workspaces';
import { ApiError } from '../api/errors';
import { hashApiKey } from './api-key-token';
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
  const found = await getApiKeyCallerByHash({ hashedKey: hashApiKey(key.trim()) });
  if (!found) throw new ApiError('UNAUTHORIZED', 'API key is invalid or has been revoked, or its user left the workspace');
  await touchApiKey(found.apiKey);
  const { apiKey, user } = found;
  const workspace = { ...found.workspace, role: found.role };
  return { user: publicUser(user), workspace, via: 'api_key', apiKeyId: apiKey.id };
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
  const [user, workspace] = await Promise.all([getUserById({ id: userId }), getDefaultWorkspaceForUser({ userId })]);
  if (!user || !workspace) return null;
  return { user: publicUser(user), workspace, via: 'session' };
}

const publicUser = (user: User): Caller['user'] => ({ id: user.id, email: user.email, name: user.name, instanceRole: user.instanceRole });
