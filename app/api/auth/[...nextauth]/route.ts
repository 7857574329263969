import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/auth';
import { publicOrigin } from '@/lib/auth/public-origin';

// Auth.js builds OAuth redirect URIs from the request URL, which Next.js reports with its own host
// (127.0.0.1 even becomes localhost). Rebase it on the public origin, as a plain Request, because
// NextRequest would rewrite the host again.
const rebased = (handler: (req: NextRequest) => Promise<Response>) => (req: NextRequest) => {
  const url = new URL(req.url);
  const origin = publicOrigin(req);
  if (url.origin === origin) return handler(req);
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers: req.headers, body: req.body, duplex: 'half' };
  return handler(new Request(`${origin}${url.pathname}${url.search}`, init) as NextRequest);
};

export const GET = rebased(handlers.GET);
export const POST = rebased(handlers.POST);
