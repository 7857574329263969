import 'server-only';
import { ApiError } from '../api/errors';
import { publicOrigin } from './public-origin';

/**
 * Cookie-authenticated writes must come from our own pages, not from another site's form or script.
 * No Origin header (same-origin navigations in older browsers, non-browser clients) passes; an Origin that is
 * `null` (sandboxed frames, file: pages, some redirects) or unparseable is refused like a foreign one.
 * Our pages' origin is APP_URL's when set: behind a proxy the Host received is often the upstream's, not the public one.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  if (origin === null) return;
  // A non-http(s) URL's origin is the string "null", which no public origin equals.
  if (!URL.canParse(origin) || new URL(origin).origin !== publicOrigin(req)) {
    throw new ApiError('FORBIDDEN', 'Cross-site request refused: send writes from this site\'s own pages, or use an API key');
  }
}
