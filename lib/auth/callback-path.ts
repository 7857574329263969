/** Where people land after signing in when no (acceptable) destination was asked for. */
export const DEFAULT_AFTER_SIGN_IN = '/prompts';

/**
 * `value` as a path on `origin` (pathname + search + hash), or `fallback` when it points anywhere else.
 * Parsing against the origin is what the browser will do, so `/\evil.example`, `//evil.example`, a tab inside
 * `//`, `https://evil.example` and `javascript:` all resolve off-site and are refused; so is a path the parser
 * collapses to `//host` (`/.//evil.example`), which a browser would read as another site.
 */
export function safeCallbackPath(value: unknown, origin: string, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof value !== 'string' || value === '' || !URL.canParse(value, origin)) return fallback;
  const url = new URL(value, origin);
  if (url.origin !== new URL(origin).origin || url.pathname.startsWith('//')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
