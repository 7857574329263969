import 'server-only';
import { ApiError } from '../api/errors';

/**
 * Cookie-authenticated writes must come from our own pages, not from another site's form or script.
 * No Origin header (same-origin navigations in older browsers, non-browser clients) passes; an Origin that is
 * `null` (sandboxed frames, file: pages, some redirects) or unparseable is refused like a foreign one.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  if (origin === null) return;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? new URL(req.url).host;
  if (originHost(origin) !== host) {
    throw new ApiError('FORBIDDEN', 'Cross-site request refused: send writes from this site\'s own pages, or use an API key');
  }
}

function originHost(origin: string): string | null {
  if (!URL.canParse(origin)) return null;
  const { protocol, host } = new URL(origin);
  return protocol === 'http:' || protocol === 'https:' ? host : null;
}
