import 'server-only';
import { ZodError } from 'zod';
import type { MemberRole } from '@/db/schema';
import { resolveCaller, type Caller } from '../auth/resolve-caller';
import { assertSameOrigin } from '../auth/same-origin';
import { ApiError } from './errors';
import { fail } from './response';
import { formatFieldErrors, zodFieldErrors } from './zod-message';

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (ctx: { req: Request; params: P; caller: Caller; workspace: Caller['workspace'] }) => Promise<Response>;

const rank: Record<MemberRole, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Wraps a route handler: resolves the caller (session or API key), enforces the role (editors and up for
 * writes by default), and turns every thrown error into the one error envelope.
 */
export function withWorkspace<P = Record<string, never>>(handler: Handler<P>, options: { minRole?: MemberRole } = {}) {
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const caller = await resolveCaller(req);
      if (!caller) throw new ApiError('UNAUTHORIZED', 'Sign in, or send `Authorization: Bearer <api key>`');
      const write = !SAFE_METHODS.has(req.method);
      if (write && caller.via === 'session') assertSameOrigin(req);
      const minRole = options.minRole ?? (write ? 'editor' : 'viewer');
      if (rank[caller.workspace.role] < rank[minRole]) {
        throw new ApiError('FORBIDDEN', `This needs the ${minRole} role in the workspace; you are ${caller.workspace.role}`);
      }
      return await handler({ req, params: await context.params, caller, workspace: caller.workspace });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) return fail(error);
  if (error instanceof ZodError) {
    const fields = zodFieldErrors(error);
    return fail(new ApiError('INVALID_INPUT', formatFieldErrors(fields), { fields }));
  }
  console.error('[api] unhandled error', error);
  return fail(new ApiError('INTERNAL', 'Something went wrong on our side. Try again; if it persists, check the server logs.'));
}
