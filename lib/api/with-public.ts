import 'server-only';
import { errorResponse } from './with-workspace';

type RouteContext<P> = { params: Promise<P> };

/** Wraps a route that needs no caller (health, fixed answers): every thrown error becomes the one envelope. */
export function withPublic<P = Record<string, never>>(handler: (ctx: { req: Request; params: P }) => Promise<Response>) {
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      return await handler({ req, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
