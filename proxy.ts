import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { newNonce, pageContentSecurityPolicy } from '@/lib/security/content-security-policy';

// Pages only (the matcher skips the API and static files, whose headers come from next.config.mjs).
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = pageContentSecurityPolicy(nonce, { development: env().nodeEnv === 'development' });
  const headers = new Headers(request.headers);
  // Layouts cannot read the URL; pass it on so a signed-out visitor returns to the page they asked for.
  headers.set('x-pathname', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  // Next.js reads the nonce for its own scripts from the request's policy; the theme script reads x-nonce.
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = { matcher: ['/((?!api/|_next/|favicon.ico).*)'] };
