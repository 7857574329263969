import 'server-only';
import { NextRequest } from 'next/server';
import { env } from '../env';

/** The origin people reach the app at: APP_URL when set, else what the proxy or browser says. */
export function publicOrigin(req: Request): string {
  return publicOriginFromHeaders(req.headers, req.url);
}

/** The same, for server components, which see the request's headers but not its URL. */
export function publicOriginFromHeaders(headers: Headers, requestUrl = 'http://localhost'): string {
  const configured = env().appUrl;
  if (configured) return new URL(configured).origin;
  const fallback = new URL(requestUrl);
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (!host) return fallback.origin;
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? fallback.protocol.replace(':', '');
  return URL.canParse(`${proto}://${host}`) ? new URL(`${proto}://${host}`).origin : fallback.origin;
}

/**
 * A NextRequest whose URL is exactly the one given: NextRequest alone reports a loopback host such as
 * 127.0.0.1 as `localhost`, which would put OAuth redirect URIs and cookies on the wrong origin.
 */
class PublicOriginRequest extends NextRequest {
  readonly #url: string;
  constructor(url: string, from: NextRequest) {
    super(url, { method: from.method, headers: from.headers, body: from.body, signal: from.signal, duplex: 'half' });
    this.#url = url;
  }
  override get url(): string {
    return this.#url;
  }
}

/**
 * The request as Auth.js must see it: on the public origin, since it builds OAuth redirect URIs and callback
 * URLs from the request URL (Next.js reports its own address), and still a NextRequest, since next-auth reads
 * `nextUrl` whenever AUTH_URL is set.
 */
export function onPublicOrigin(req: NextRequest): NextRequest {
  const url = new URL(req.url);
  const origin = publicOrigin(req);
  return url.origin === origin ? req : new PublicOriginRequest(`${origin}${url.pathname}${url.search}`, req);
}
