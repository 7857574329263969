import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { createApiKeyRecord } from '@/db/queries/api-keys';
import { createUser } from '@/db/queries/users';
import { ensurePersonalWorkspace } from '@/db/queries/workspaces';
import { getDb } from '@/db/client';
import { workspaceMembers } from '@/db/schema';
import { generateApiKey } from '@/lib/auth/api-key-token';
import { and, eq } from 'drizzle-orm';

export const BASE = 'http://localhost:3000';

export type TestUser = Awaited<ReturnType<typeof createTestUser>>;

/** A user with a personal workspace and an API key, as `npm run api-key` would make. */
export async function createTestUser(options: { role?: 'owner' | 'admin' | 'editor' | 'viewer' } = {}) {
  const user = await createUser({ email: `user-${randomUUID()}@example.test`, name: 'Test User' });
  const workspace = await ensurePersonalWorkspace({ userId: user.id, name: user.name });
  if (options.role && options.role !== 'owner') {
    const db = await getDb();
    await db
      .update(workspaceMembers)
      .set({ role: options.role })
      .where(and(eq(workspaceMembers.workspaceId, workspace.id), eq(workspaceMembers.userId, user.id)));
  }
  const { key, prefix, hashedKey } = generateApiKey();
  const apiKey = await createApiKeyRecord({ workspaceId: workspace.id, userId: user.id, name: 'test', prefix, hashedKey });
  return { user, workspace, key, apiKey, headers: { authorization: `Bearer ${key}` } };
}

/** A real Auth.js session cookie for the user, signed with the test AUTH_SECRET. */
export async function sessionCookie(userId: string): Promise<string> {
  const name = 'authjs.session-token';
  const token = await encode({ token: { sub: userId }, secret: process.env.AUTH_SECRET!, salt: name });
  return `${name}=${token}`;
}

type RouteHandler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export type ApiResult<T = any> = { status: number; headers: Headers; // error is typed non-null for brevity in assertions; it is null on success.
  body: { data: T; error: { code: string; message: string; details?: { fields?: { path: string; message: string }[] } & Record<string, unknown> } } };

/** Calls a route handler the way Next.js does, with a real Request. */
export async function call<T = any, P = Record<string, string>>(
  handler: RouteHandler<P>,
  options: { method?: string; path?: string; params?: P; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  const req = new Request(`${BASE}${options.path ?? '/'}`, {
    method: options.method ?? 'GET',
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
  });
  const res = await handler(req, { params: Promise.resolve((options.params ?? {}) as P) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}
